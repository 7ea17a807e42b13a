import { describe, expect, it } from 'vitest';
import { callResource } from '../src/handlers/callResource.ts';
import { checkHealth } from '../src/handlers/checkHealth.ts';
import { DatasourceInstances } from '../src/handlers/datasourceInstances.ts';
import { queryData } from '../src/handlers/queryData.ts';
import { QueryMetrics } from '../src/handlers/queryMetrics.ts';
import type { DataQuery, DataSourceSettings, PluginContext, ResourceRequest } from '../src/handlers/types.ts';
import { quietLogger } from './support/engines.ts';
import { StubEngine } from './support/stubEngine.ts';

/**
 * The handlers as plain functions: typed requests in, typed answers out, no gRPC and no database.
 * The transport is tested on its own in pluginServer.test.ts.
 */
const dataSource: DataSourceSettings = {
  uid: 'flowlens',
  name: 'FlowLens',
  updatedMs: 1,
  jsonData: { engine: 'clickhouse', url: 'http://stub:8123' },
  decryptedSecureJsonData: {},
};
const context: PluginContext = { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource };
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };
const signal = new AbortController().signal;

function setup() {
  const engine = new StubEngine();
  const instances = new DatasourceInstances(() => engine, quietLogger);
  const metrics = new QueryMetrics();
  return { engine, instances, metrics };
}

function sqlQuery(refId: string, rawSql: string): DataQuery {
  return { refId, queryType: 'sql', maxDataPoints: 100, intervalMs: 60_000, timeRange, json: { rawSql } };
}

describe('queryData without a transport', () => {
  it('answers each query by refId with the SQL it ran; a failing query does not fail the others', async () => {
    const { engine, instances, metrics } = setup();
    const responses = await queryData(
      {
        context,
        queries: [
          sqlQuery('A', 'SELECT sourcePodName AS pod FROM flows WHERE $__timeFilter(flowEndSeconds)'),
          sqlQuery('B', 'SELECT FAIL'),
        ],
        signal,
      },
      { instances, metrics, logger: quietLogger }
    );
    const a = responses.get('A')!;
    expect(a.error).toBeUndefined();
    expect(a.frames[0]!.fields.map((field) => field.name)).toEqual(['pod', 'bytes']);
    expect(a.frames[0]!.meta?.executedQueryString).toBe(engine.queries[0]);
    expect(engine.queries[0]).toContain('flowEndSeconds >= toDateTime(1736154000)');
    expect(responses.get('B')).toMatchObject({ error: 'the stub was told to fail', status: 400 });
  });

  it('names what is wrong with a query model, per query', async () => {
    const { instances, metrics } = setup();
    const responses = await queryData(
      { context, queries: [{ ...sqlQuery('A', ''), json: { rawSql: '   ' } }], signal },
      { instances, metrics, logger: quietLogger }
    );
    expect(responses.get('A')).toMatchObject({ status: 400, error: expect.stringMatching(/SQL query is empty/) });
  });

  it('fails every query of a request without datasource settings', async () => {
    const { instances, metrics } = setup();
    const responses = await queryData(
      { context: { ...context, dataSource: undefined }, queries: [sqlQuery('A', 'SELECT 1')], signal },
      { instances, metrics, logger: quietLogger }
    );
    expect(responses.get('A')).toMatchObject({ status: 400, error: 'the request carries no datasource settings' });
  });
});

describe('callResource without a transport', () => {
  const request = (method: string, path: string, url = path, body = ''): ResourceRequest => ({
    context,
    method,
    path,
    url,
    body: Buffer.from(body),
    signal,
  });
  const json = (body: Buffer | string) => JSON.parse(body.toString()) as unknown;

  it('routes schema, values and compile, and lists them for an unknown path', async () => {
    const { engine, instances, metrics } = setup();
    const schema = await callResource(request('GET', 'schema'), instances, metrics);
    expect(schema.status).toBe(200);
    expect(json(schema.body)).toEqual({ tables: await engine.schema(signal) });

    const values = await callResource(
      request('GET', 'values', 'values?column=SOURCEPODNAME&limit=5&from=1&to=2'),
      instances,
      metrics
    );
    expect(json(values.body)).toEqual(['web', 'db']);
    expect(engine.valueCalls).toEqual([{ column: 'sourcePodName', limit: 5, timeRange: { fromMs: 1, toMs: 2 } }]);

    const compile = await callResource(
      request('POST', 'compile', 'compile', JSON.stringify({ query: { rawSql: 'SELECT $__timeFilter(t)' } })),
      instances,
      metrics
    );
    expect(json(compile.body)).toEqual({ sql: 'SELECT $__timeFilter(t)' });

    const unknown = await callResource(request('GET', 'tables'), instances, metrics);
    expect(unknown.status).toBe(404);
    expect(json(unknown.body)).toEqual({ error: 'no resource "tables"; available: schema, values, compile' });
    expect(metrics.prometheusText()).toContain('flowlens_resource_calls_total{path="other",status="404"} 1');
  });

  it.each([
    ['POST', 'schema', 405, 'schema answers GET only'],
    ['GET', 'compile', 405, 'compile answers POST only'],
  ])('refuses %s %s', async (method, path, status, error) => {
    const { instances, metrics } = setup();
    const response = await callResource(request(method, path), instances, metrics);
    expect(response.status).toBe(status);
    expect(json(response.body)).toEqual({ error });
  });

  it('refuses a column the flows table lacks, and a request without settings', async () => {
    const { instances, metrics } = setup();
    const values = await callResource(request('GET', 'values', 'values?column=password'), instances, metrics);
    expect(values.status).toBe(400);
    expect(json(values.body)).toMatchObject({ error: '"password" is not a column of the flows table' });
    const noSettings = await callResource(
      { ...request('GET', 'schema'), context: { ...context, dataSource: undefined } },
      instances,
      metrics
    );
    expect(noSettings.status).toBe(400);
  });
});

describe('checkHealth without a transport', () => {
  it("summarizes the engine's health", async () => {
    const { instances } = setup();
    const result = await checkHealth(context, instances, signal);
    expect(result.status).toBe('ok');
    expect(result.message).toBe(
      'Connected to ClickHouse 26.1 at http://stub:8123, database default. Table flows has 1,200 rows; newest flow 2025-01-06 10:00:00 UTC.'
    );
  });
});
