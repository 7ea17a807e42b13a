import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringVector } from '../src/frames/fieldVectors.ts';
import type { DataQuery, QueryDataRequest, ResourceRequest } from '../src/handlers/types.ts';
import type { PluginHandlers } from '../src/protocol/pluginHandlers.ts';
import { startPluginServer, type PluginServer } from '../src/protocol/pluginServer.ts';
import { quietLogger } from './support/engines.ts';
import {
  connectPlugin,
  pluginContext,
  queryDataRequest,
  responsesOf,
  type PluginConnection,
} from './support/pluginProcess.ts';

/**
 * The transport alone, in process: gRPC messages in, plain typed calls to handlers that do nothing
 * but record what they got and answer fixed values, plain answers back out as protocol messages.
 */
describe('the plugin server with no-op handlers', () => {
  const seen: { queries?: DataQuery[]; resource?: ResourceRequest; healthOrg?: number } = {};
  let shutdownRequests = 0;
  const handlers: PluginHandlers = {
    async queryData(request: QueryDataRequest) {
      seen.queries = request.queries;
      return new Map(
        request.queries.map((query) => [
          query.refId,
          query.refId === 'bad'
            ? { frames: [], error: 'no such thing', status: 400, errorSource: 'plugin' as const }
            : {
                frames: [
                  {
                    name: query.refId,
                    refId: query.refId,
                    fields: [{ name: 'pod', kind: 'string' as const, values: stringVector(['web']) }],
                  },
                ],
              },
        ])
      );
    },
    async checkHealth(context) {
      seen.healthOrg = context.orgId;
      return { status: 'ok', message: 'all good', details: { engine: 'none' } };
    },
    async callResource(request) {
      seen.resource = request;
      if (request.path === 'boom') {
        throw new Error('handler failed');
      }
      return { status: 201, headers: { 'Content-Type': 'text/plain' }, body: `echo ${request.body.toString()}` };
    },
    collectMetrics: () => 'flowlens_up 1\n',
    shutdown: async () => undefined,
  };

  let dir: string;
  let server: PluginServer;
  let plugin: PluginConnection;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-transport-'));
    const address = `unix:${join(dir, 'plugin.sock')}`;
    server = await startPluginServer(address, handlers, quietLogger, () => shutdownRequests++);
    plugin = connectPlugin(address);
  });
  afterAll(async () => {
    plugin.close();
    await server.stop(1000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns QueryData into plain queries and each answer into an Arrow frame or an error', async () => {
    const request = queryDataRequest({ url: 'http://clickhouse:8123' }, [
      { refId: 'A', rawSql: 'SELECT 1', fromMs: 1000, toMs: 2000 },
      { refId: 'bad', rawSql: 'SELECT 2' },
    ]);
    const responses = responsesOf(await plugin.call('Data', 'QueryData', request));
    expect(seen.queries!.map((query) => [query.refId, query.timeRange, query.intervalMs])).toEqual([
      ['A', { fromMs: 1000, toMs: 2000 }, 60_000],
      ['bad', { fromMs: 0, toMs: expect.any(Number) }, 60_000],
    ]);
    expect(seen.queries![0]!.json).toMatchObject({ rawSql: 'SELECT 1' });
    expect(tableFromIPC(responses.A!.frames[0]!).getChild('pod')!.toArray()).toEqual(['web']);
    expect(responses.bad).toMatchObject({ frames: [], error: 'no such thing', status: 400 });
  });

  it('answers CheckHealth, CollectMetrics and go-plugin health from the handlers', async () => {
    const health = (await plugin.call('Diagnostics', 'CheckHealth', {
      pluginContext: pluginContext({ url: 'http://clickhouse:8123' }),
    })) as { status: string; message: string; jsonDetails: Buffer };
    expect(seen.healthOrg).toBe(1);
    expect([health.status, health.message, JSON.parse(health.jsonDetails.toString())]).toEqual([
      'OK',
      'all good',
      { engine: 'none' },
    ]);
    const metrics = (await plugin.call('Diagnostics', 'CollectMetrics', {})) as { metrics: { prometheus: Buffer } };
    expect(metrics.metrics.prometheus.toString()).toBe('flowlens_up 1\n');
    await expect(plugin.call('Health', 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
    await expect(plugin.call('Health', 'Check', { service: 'other' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
  });

  it('streams a CallResource answer, and turns a throwing handler into a gRPC error', async () => {
    const resource = plugin.client('Resource') as unknown as {
      CallResource(request: unknown): NodeJS.EventEmitter;
    };
    const answer = (path: string) =>
      new Promise<{ code: number; headers: Record<string, { values: string[] }>; body: Buffer }>((done, fail) => {
        const stream = resource.CallResource({
          pluginContext: pluginContext({ url: 'http://clickhouse:8123' }),
          path,
          method: 'POST',
          url: `${path}?x=1`,
          body: Buffer.from('hello'),
        });
        stream.once('data', done);
        stream.once('error', fail);
      });
    const response = await answer('echo');
    expect([response.code, response.headers['Content-Type'], response.body.toString()]).toEqual([
      201,
      { values: ['text/plain'] },
      'echo hello',
    ]);
    expect(seen.resource).toMatchObject({ path: 'echo', method: 'POST', url: 'echo?x=1' });
    await expect(answer('boom')).rejects.toMatchObject({ code: status.INTERNAL, details: 'handler failed' });
  });

  it('asks to shut down on GRPCController.Shutdown, after answering', async () => {
    await plugin.call('Controller', 'Shutdown', {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(shutdownRequests).toBe(1);
  });
});
