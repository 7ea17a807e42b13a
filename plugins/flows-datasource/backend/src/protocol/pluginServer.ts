import {
  Server,
  ServerCredentials,
  status,
  type GrpcObject,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServerDuplexStream,
  type ServiceClientConstructor,
} from '@grpc/grpc-js';
import type { Frame } from '../frames/frame.ts';
import type { DataResponse } from '../handlers/types.ts';
import { serializeQueryDataResponse, type EncodedDataResponse } from './queryDataResponseWire.ts';
import type { Logger } from '../logging/logger.ts';
import type { PluginHandlers } from './pluginHandlers.ts';
import { loadProtocol } from './protoDefinitions.ts';
import {
  dataQueryFromWire,
  pluginContextFromWire,
  WireError,
  type WireDataQuery,
  type WirePluginContext,
} from './wireMessages.ts';

function service(root: GrpcObject, path: string): ServiceClientConstructor['service'] {
  const found = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root);
  return (found as ServiceClientConstructor).service;
}

/** Runs a unary handler with a cancellation signal tied to the gRPC call, mapping failures to gRPC status. */
function unary<Req, Res>(logger: Logger, name: string, handle: (request: Req, signal: AbortSignal) => Promise<Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    const controller = new AbortController();
    call.on('cancelled', () => controller.abort(new Error('cancelled by Grafana')));
    handle(call.request, controller.signal).then(
      (response) => callback(null, response),
      (error: unknown) => {
        const invalid = error instanceof WireError;
        logger.error(`${name} failed`, { error: error instanceof Error ? error.message : String(error) });
        callback({
          code: invalid ? status.INVALID_ARGUMENT : status.INTERNAL,
          details: error instanceof Error ? error.message : String(error),
        });
      }
    );
  };
}

export interface PluginServer {
  /** Stops accepting calls, lets running ones finish (up to `graceMs`), then closes. */
  stop(graceMs: number): Promise<void>;
}

/**
 * The gRPC side of Grafana's plugin protocol v2 plus go-plugin's own services. It knows messages and
 * status codes, nothing about SQL or engines; handlers do the work.
 */
export async function startPluginServer(
  address: string,
  handlers: PluginHandlers,
  logger: Logger,
  onShutdownRequest: () => void
): Promise<PluginServer> {
  const root = loadProtocol();
  const server = new Server({
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': -1,
  });
  const openStreams = new Set<{ end(): void }>();

  // QueryData answers go through our own serializer, which copies each frame's bytes only once:
  // straight into the buffer grpc-js sends (QueryDataMessage).
  const dataService = service(root, 'pluginv2.Data');
  server.addService(
    {
      ...dataService,
      QueryData: { ...dataService.QueryData!, responseSerialize: serializeQueryDataResponse as never },
    },
    {
      QueryData: unary(
        logger,
        'QueryData',
        async (request: { pluginContext?: WirePluginContext; queries: WireDataQuery[] }, signal) => {
          const context = pluginContextFromWire(request.pluginContext);
          const queries = (request.queries ?? []).map(dataQueryFromWire);
          const responses = await handlers.queryData({ context, queries, signal });
          // Arrow's writer loads with the first query, not at start (see main.ts).
          const { encodeFrameChunks } = await import('./arrowFrames.ts');
          const encoded = new Map<string, EncodedDataResponse>();
          for (const [refId, response] of responses) {
            encoded.set(refId, encodeDataResponse(response, encodeFrameChunks));
          }
          return encoded;
        }
      ),
    }
  );

  server.addService(service(root, 'pluginv2.Diagnostics'), {
    CheckHealth: unary(logger, 'CheckHealth', async (request: { pluginContext?: WirePluginContext }, signal) => {
      const result = await handlers.checkHealth(pluginContextFromWire(request.pluginContext), signal);
      return {
        status: result.status === 'ok' ? 'OK' : 'ERROR',
        message: result.message,
        jsonDetails: Buffer.from(JSON.stringify(result.details ?? {})),
      };
    }),
    CollectMetrics: unary(logger, 'CollectMetrics', async () => ({
      metrics: { prometheus: Buffer.from(handlers.collectMetrics()) },
    })),
  });

  server.addService(service(root, 'pluginv2.Resource'), {
    CallResource: (call: ServerWritableStream<Record<string, unknown>, unknown>) => {
      const controller = new AbortController();
      call.on('cancelled', () => controller.abort(new Error('cancelled by Grafana')));
      const request = call.request as {
        pluginContext?: WirePluginContext;
        path: string;
        method: string;
        url: string;
        body: Buffer;
      };
      Promise.resolve()
        .then(() =>
          handlers.callResource({
            context: pluginContextFromWire(request.pluginContext),
            path: request.path,
            method: request.method,
            url: request.url,
            body: request.body,
            signal: controller.signal,
          })
        )
        .then(
          (response) => {
            const headers: Record<string, { values: string[] }> = {};
            for (const [name, value] of Object.entries(response.headers ?? {})) {
              headers[name] = { values: [value] };
            }
            call.write({ code: response.status, headers, body: Buffer.from(response.body) });
            call.end();
          },
          (error: unknown) => {
            logger.error('CallResource failed', { error: error instanceof Error ? error.message : String(error) });
            call.emit('error', {
              code: error instanceof WireError ? status.INVALID_ARGUMENT : status.INTERNAL,
              details: error instanceof Error ? error.message : String(error),
            });
          }
        );
    },
  });

  server.addService(service(root, 'grpc.health.v1.Health'), {
    Check: (call: ServerUnaryCall<{ service: string }, unknown>, callback: sendUnaryData<unknown>) => {
      if (call.request.service === '' || call.request.service === 'plugin') {
        callback(null, { status: 'SERVING' });
      } else {
        callback({ code: status.NOT_FOUND, details: `unknown service ${call.request.service}` });
      }
    },
  });

  server.addService(service(root, 'plugin.GRPCController'), {
    Shutdown: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      callback(null, {});
      // Answer first: Grafana waits for the reply, then for the process to exit.
      setImmediate(onShutdownRequest);
    },
  });

  // Logs go straight to stderr as hclog JSON, so the stdio stream stays open and silent.
  server.addService(service(root, 'plugin.GRPCStdio'), {
    StreamStdio: (call: ServerWritableStream<unknown, unknown>) => {
      openStreams.add(call);
      call.on('cancelled', () => openStreams.delete(call));
    },
  });

  // No brokered sub-plugins: accept the broker stream and hold it open, as go-plugin's client expects.
  server.addService(service(root, 'plugin.GRPCBroker'), {
    StartStream: (call: ServerDuplexStream<unknown, unknown>) => {
      openStreams.add(call);
      call.on('data', () => undefined);
      call.on('end', () => {
        openStreams.delete(call);
        call.end();
      });
      call.on('cancelled', () => openStreams.delete(call));
    },
  });

  await new Promise<void>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve()))
  );

  return {
    stop: async (graceMs) => {
      for (const stream of openStreams) {
        stream.end();
      }
      openStreams.clear();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

function encodeDataResponse(
  response: DataResponse,
  encodeFrameChunks: (frame: Frame) => Uint8Array[]
): EncodedDataResponse {
  const frames: Uint8Array[][] = [];
  for (const frame of response.frames) {
    frames.push(encodeFrameChunks(frame));
    // From here on only the chunks reference the column data; the serializer lets go of them too.
    frame.fields = [];
  }
  return {
    frames,
    error: response.error ?? '',
    status: response.status ?? (response.error ? 500 : 200),
    errorSource: response.errorSource ?? '',
  };
}
