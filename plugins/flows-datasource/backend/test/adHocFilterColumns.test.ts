import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakesnowServer, type ClickHouseServer } from '@flowlens/testkit';
import { createEngine } from '../src/engines/createEngine.ts';
import { DatasourceInstances } from '../src/handlers/datasourceInstances.ts';
import { queryData } from '../src/handlers/queryData.ts';
import { QueryMetrics } from '../src/handlers/queryMetrics.ts';
import type { DataResponse, DataSourceSettings } from '../src/handlers/types.ts';
import { quietLogger, startLegacyClickHouse, startModernClickHouse } from './support/engines.ts';
import { snowflakeDataSource, snowflakeEngine } from './support/snowflake.ts';

/**
 * An ad-hoc filter on a flows column the live table lacks (Theia's flows has no egressNodeName)
 * fails with an error naming the filter, on every engine; other errors stay the database's own.
 */
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };
type Filter = { key: string; operator: string; value: string };

const engines: Array<{ name: string; start(): Promise<{ dataSource: DataSourceSettings; stop(): Promise<void> }> }> = [
  {
    name: 'chDB (ClickHouse 26)',
    async start() {
      const server = await startModernClickHouse();
      await server.session.queryAsync(
        'CREATE TABLE flows (sourcePodName String, flowEndSeconds DateTime) ENGINE = MergeTree ORDER BY tuple()'
      );
      return { dataSource: clickhouseDataSource(server.url), stop: () => server.close() };
    },
  },
  {
    name: 'clickhouse-server 18.16',
    async start() {
      const server: ClickHouseServer = await startLegacyClickHouse();
      await server.query(
        'CREATE TABLE flows (sourcePodName String, flowEndSeconds DateTime) ENGINE = MergeTree ORDER BY tuple()'
      );
      return { dataSource: clickhouseDataSource(server.url), stop: () => server.close() };
    },
  },
  {
    name: 'fakesnow (Snowflake)',
    async start() {
      const server = await FakesnowServer.launch();
      const engine = snowflakeEngine(server);
      try {
        for (const sql of [
          'CREATE DATABASE IF NOT EXISTS FLOWLENS',
          'CREATE SCHEMA IF NOT EXISTS FLOWLENS.PUBLIC',
          'CREATE TABLE FLOWLENS.PUBLIC.FLOWS (sourcePodName STRING, flowEndSeconds TIMESTAMP_TZ)',
        ]) {
          await engine.query(sql, { timeoutMs: 30_000, rowLimit: 10, signal: new AbortController().signal });
        }
      } finally {
        await engine.close();
      }
      return { dataSource: snowflakeDataSource(server), stop: () => server.stop() };
    },
  },
];

function clickhouseDataSource(url: string): DataSourceSettings {
  return {
    uid: 'flowlens',
    name: 'FlowLens',
    updatedMs: 1,
    jsonData: { engine: 'clickhouse', url },
    decryptedSecureJsonData: {},
  };
}

describe.each(engines)('ad-hoc filters on columns the table lacks, on $name', ({ start }) => {
  let dataSource: DataSourceSettings;
  let stop: () => Promise<void>;
  const instances = new DatasourceInstances(createEngine, quietLogger);

  beforeAll(async () => {
    ({ dataSource, stop } = await start());
  });
  afterAll(async () => {
    await instances.closeAll();
    await stop?.();
  });

  async function run(json: Record<string, unknown>, adHocFilters: Filter[]): Promise<DataResponse> {
    const responses = await queryData(
      {
        context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource },
        queries: [
          {
            refId: 'A',
            queryType: String(json.queryType),
            maxDataPoints: 100,
            intervalMs: 60_000,
            timeRange,
            json: { ...json, adHocFilters },
          },
        ],
        signal: new AbortController().signal,
      },
      { instances, metrics: new QueryMetrics(), logger: quietLogger }
    );
    return responses.get('A')!;
  }

  const sql = (rawSql: string) => ({ queryType: 'sql', format: 'table', rawSql });
  const counted = 'SELECT count(*) AS "n" FROM flows WHERE $__timeFilter(flowEndSeconds)';

  it('names the filter when its column is missing from the table', async () => {
    const response = await run(sql(counted), [{ key: 'egressNodeName', operator: '!=', value: 'node-1' }]);
    expect(response.error).toMatch(
      /^ad-hoc filter "egressNodeName": the flows table in this database has no column egressNodeName\. Remove the filter/
    );
    expect(response.status).toBe(400);
    expect(response.frames[0]?.meta?.executedQueryString).toContain('egressNodeName');
  });

  it('runs a filter on a column the table has', async () => {
    const response = await run(sql(counted), [{ key: 'sourcePodName', operator: '!=', value: 'x' }]);
    expect(response.error).toBeUndefined();
  });

  it("leaves the database's error alone when the query itself names a missing column", async () => {
    const response = await run(sql(`SELECT nosuchcolumn FROM flows WHERE $__timeFilter(flowEndSeconds)`), [
      { key: 'sourcePodName', operator: '!=', value: 'x' },
    ]);
    expect(response.error).toMatch(/nosuchcolumn/i);
    expect(response.error).not.toMatch(/ad-hoc filter/);
  });
});
