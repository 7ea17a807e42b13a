import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { policyEventsOf } from '../audit/auditEvents.ts';
import type { DiskBuffer } from '../buffer/diskBuffer.ts';
import { FieldError } from '../formats/outcome.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { IngestPipeline, LineTally } from '../pipeline/ingestPipeline.ts';
import type { Shipper } from '../shipping/shipper.ts';
import { bearerTokenCheck } from './bearerToken.ts';
import { LineSplitter } from './lineSplitter.ts';
import { BodyError, readBody } from './requestBody.ts';

export interface HttpInputOptions {
  host: string;
  port: number;
  token: string | undefined;
  maxBodyBytes: number;
  maxLineBytes: number;
  clusterUUID: string;
  retryAfterSeconds: number;
}

/**
 * POST /v1/flows (NDJSON or a JSON array of flow lines) and POST /v1/audit (the audit webhook's
 * EventList), both behind the bearer token when one is set; GET /metrics and /healthz without.
 * A request is answered once what it brought is on disk; a full buffer answers 503 with Retry-After.
 */
export async function startHttpInput(
  options: HttpInputOptions,
  pipeline: IngestPipeline,
  buffer: DiskBuffer,
  shipper: Shipper,
  metrics: IngestMetrics
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const authorized = bearerTokenCheck(options.token);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://ingest');
    if (request.method === 'GET' && url.pathname === '/metrics') {
      response.writeHead(200, { 'Content-Type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
      return;
    }
    if (request.method === 'GET' && url.pathname === '/healthz') {
      const health = {
        status: 'ok',
        clickhouse: shipper.lastError === undefined ? 'sending' : `failing: ${shipper.lastError}`,
        bufferedRows: buffer.pendingRows,
        bufferedBytes: buffer.usedBytes,
        bufferFull: buffer.isFull(),
      };
      send(response, 200, health);
      return;
    }
    if (url.pathname !== '/v1/flows' && url.pathname !== '/v1/audit') {
      send(response, 404, { error: `no ${url.pathname} here: POST /v1/flows or /v1/audit, GET /metrics or /healthz` });
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, { error: `${url.pathname} takes POST` }, { Allow: 'POST' });
      return;
    }
    if (!authorized(request.headers.authorization)) {
      request.resume();
      send(
        response,
        401,
        { error: 'missing or wrong bearer token: send Authorization: Bearer <FLOWLENS_INGEST_TOKEN>' },
        {
          'WWW-Authenticate': 'Bearer realm="flowlens-ingest"',
        }
      );
      return;
    }
    const input = url.pathname === '/v1/flows' ? 'http' : 'audit';
    if (buffer.isFull()) {
      request.resume();
      metrics.backpressure.inc({ input });
      send(
        response,
        503,
        { error: 'the buffer is full while ClickHouse catches up: send again later' },
        { 'Retry-After': String(options.retryAfterSeconds) }
      );
      return;
    }
    const clusterUUID = url.searchParams.get('cluster') ?? options.clusterUUID;
    const body = await readBody(request, options.maxBodyBytes);
    if (url.pathname === '/v1/flows') await postFlows(body, clusterUUID, response);
    else await postAudit(body, clusterUUID, response);
  }

  async function postFlows(body: Buffer, clusterUUID: string, response: ServerResponse): Promise<void> {
    const context = pipeline.context(clusterUUID);
    const tally: LineTally = { accepted: 0, rejected: 0, firstRejections: [] };
    const firstByte = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
    if (firstByte === 0x5b) {
      let items: unknown;
      try {
        items = JSON.parse(body.toString('utf8'));
      } catch (error) {
        throw new BodyError(400, `the body starts like a JSON array but is not one: ${(error as Error).message}`);
      }
      (items as unknown[]).forEach((item, index) => pipeline.acceptValue('http', item, context, tally, index + 1));
    } else {
      let lineNumber = 0;
      const splitter = new LineSplitter(
        options.maxLineBytes,
        (text) => pipeline.acceptLine('http', text, context, tally, ++lineNumber),
        (start) =>
          pipeline.rejectLine(
            'http',
            'line-too-long',
            `longer than ${options.maxLineBytes} bytes`,
            start,
            tally,
            ++lineNumber
          )
      );
      splitter.push(body);
      splitter.end();
    }
    await pipeline.durable();
    const status = tally.accepted === 0 && tally.rejected > 0 ? 400 : 200;
    send(response, status, tally);
  }

  async function postAudit(body: Buffer, clusterUUID: string, response: ServerResponse): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new BodyError(400, `the body is not JSON: ${(error as Error).message}`);
    }
    let batch;
    try {
      batch = policyEventsOf(parsed, clusterUUID);
    } catch (error) {
      if (error instanceof FieldError) throw new BodyError(400, error.message);
      throw error;
    }
    await pipeline.appendPolicyEvents(batch.events);
    metrics.auditEvents.inc({ outcome: 'policy-change' }, batch.events.length);
    for (const [reason, count] of Object.entries(batch.ignored)) metrics.auditEvents.inc({ outcome: reason }, count);
    if (batch.invalid.length > 0) metrics.auditEvents.inc({ outcome: 'invalid' }, batch.invalid.length);
    send(response, 200, {
      policyChanges: batch.events.length,
      ignored: batch.ignored,
      invalid: batch.invalid.slice(0, 10),
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      const status = error instanceof BodyError ? error.status : 503;
      const message =
        error instanceof BodyError ? error.message : `could not store the data: ${(error as Error).message}`;
      send(
        response,
        status,
        { error: message },
        status === 503 ? { 'Retry-After': String(options.retryAfterSeconds) } : {}
      );
      if (!request.complete) request.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(`${JSON.stringify(body)}\n`);
}
