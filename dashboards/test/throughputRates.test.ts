import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConversations, Cluster, FileSink, loadIntoChdb, writeFlows } from '@flowlens/flowgen';
import { FakesnowServer, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import type { DataResponse, DataSourceSettings } from '../../plugins/flows-datasource/backend/src/handlers/types.ts';
import { quietLogger } from '../../plugins/flows-datasource/backend/test/support/engines.ts';
import {
  flowsSchemaSql,
  snowflakeDatabase,
  snowflakeDataSource,
  snowflakeEngine,
  snowflakeSchema,
} from '../../plugins/flows-datasource/backend/test/support/snowflake.ts';
import type { Json } from '../src/grafanaJson.ts';
import { dashboards } from '../src/index.ts';
import { dashboardRunner, type DashboardRunner } from './support/dashboardRunner.ts';
import { dashboardQueries, type DashboardQuery } from './support/dashboardTargets.ts';
import type { TestVariable } from '@flowlens/testkit/templateSrv';

/**
 * A steady connection must read its true rate on every time range, whatever the flow source's
 * export interval: flowgen's Prometheus remote-write stream runs at a constant rate; it is loaded
 * with Antrea's 60 s cadence and with the agent's 5 s one into chDB and fakesnow, and the dashboards'
 * throughput panels (the home Stat, the pod-to-external series) must read it within 1 % at every point.
 */
const stream = buildConversations(new Cluster(1), 0).find((conversation) => conversation.steady)!;
const bitsPerSecond = stream.steady!.forwardBitsPerSecond;
const onlyTheStream = [
  { key: 'sourcePodName', operator: '=', value: 'prometheus-0' },
  { key: 'destinationIP', operator: '=', value: '198.51.100.90' },
];

const start = Date.parse('2025-01-06T00:00:00Z');
const day = 86_400_000;
// The ranges end off the minute grid, and there is data on both sides of every range.
const end = start + 7 * day + 3_600_000 + 12_345;
const generation = { from: start / 1000, to: Math.floor((end + 3_600_000) / 1000), scale: 0.001 };

/**
 * Grafana's interval for each range (rangeutil.calculateInterval: range ÷ max data points, rounded by
 * roundInterval), for a panel 1,000 and 1,800 pixels wide.
 */
const ranges: Array<{ name: string; ms: number; intervalMs: Record<number, number> }> = [
  { name: '5 m', ms: 300_000, intervalMs: { 1000: 200, 1800: 200 } },
  { name: '1 h', ms: 3_600_000, intervalMs: { 1000: 5_000, 1800: 2_000 } },
  { name: '6 h', ms: 6 * 3_600_000, intervalMs: { 1000: 20_000, 1800: 10_000 } },
  { name: '24 h', ms: day, intervalMs: { 1000: 60_000, 1800: 60_000 } },
  { name: '7 d', ms: 7 * day, intervalMs: { 1000: 600_000, 1800: 300_000 } },
];

type Engine = 'clickhouse' | 'snowflake';

function panelQuery(dashboard: string, title: string): DashboardQuery {
  const query = dashboardQueries(dashboard, dashboards[dashboard] as Json).find((q) => q.where === title);
  if (!query) {
    throw new Error(`${dashboard} has no panel "${title}"`);
  }
  return query;
}

const throughputStat = panelQuery('home', 'Throughput');
const pairSeries = panelQuery('pod-to-external', 'Throughput per pod → external IP pair');
const sentSeries = panelQuery('pod-to-external', 'Throughput sent per pod');

function values(response: DataResponse): number[] {
  expect(response.error, response.error).toBeUndefined();
  expect(response.frames).toHaveLength(1);
  const numbers = response.frames[0]!.fields.filter((field) => field.kind === 'number');
  expect(numbers, 'one number field: the stream').toHaveLength(1);
  return [...numbers[0]!.values].map(Number);
}

function expectWithinOnePercent(readings: number[]): void {
  const worst = Math.max(...readings.map((value) => Math.abs(value - bitsPerSecond) / bitsPerSecond));
  expect(worst, `worst reading off by ${(worst * 100).toFixed(3)} %`).toBeLessThanOrEqual(0.01);
}

let dir: string;
let session: Session;
let chdbHttp: ChdbHttpServer;
let fakesnow: FakesnowServer;
let instances: DatasourceInstances;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-rates-'));
  session = new Session(join(dir, 'chdb'));
  [chdbHttp, fakesnow] = await Promise.all([startChdbHttpServer({ session }), FakesnowServer.launch()]);
  instances = new DatasourceInstances(createEngine, quietLogger);
}, 120_000);

afterAll(async () => {
  await instances?.closeAll();
  await chdbHttp?.close();
  session?.close();
  await fakesnow?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([5, 60])('a steady stream exported every %i s', (exportIntervalSeconds) => {
  const runners = {} as Record<Engine, (settingSeconds: number) => DashboardRunner>;
  let variables: TestVariable[];

  // Each interval replaces the other's records in both engines.
  beforeAll(async () => {
    const options = { ...generation, exportIntervalSeconds };
    const csv = join(dir, `flows-${exportIntervalSeconds}.csv`);
    // The per-minute rollup goes with the records it sums (docs/rollups.md): loading makes it again.
    for (const table of ['flows_minutes_view', 'flows_minutes', 'flows_rollups', 'flows']) {
      session.query(`DROP TABLE IF EXISTS ${table}`);
    }
    const engine = snowflakeEngine(fakesnow);
    try {
      const signal = new AbortController().signal;
      await engine.query(`DROP TABLE IF EXISTS ${snowflakeDatabase}.${snowflakeSchema}.FLOWS`, {
        timeoutMs: 30_000,
        rowLimit: 10,
        signal,
      });
      await engine.query(flowsSchemaSql, { timeoutMs: 30_000, rowLimit: 10, signal });
    } finally {
      await engine.close();
    }
    const [loaded] = await Promise.all([
      loadIntoChdb(session, options),
      writeFlows(new FileSink({ format: 'csv', output: csv }), options),
    ]);
    expect(await fakesnow.loadCsv(`${snowflakeDatabase}.${snowflakeSchema}.FLOWS`, csv)).toBe(loaded.rows);
    const timeRange = { fromMs: end - 3_600_000, toMs: end };
    // A datasource per interval and setting: the datasource cache keys on uid.
    const withSetting = (dataSource: DataSourceSettings, settingSeconds: number): DataSourceSettings => ({
      ...dataSource,
      uid: `${dataSource.uid}-${exportIntervalSeconds}-${settingSeconds}`,
      jsonData: { ...dataSource.jsonData, exportIntervalSeconds: settingSeconds },
    });
    const clickhouse: DataSourceSettings = {
      uid: 'flowlens-clickhouse',
      name: 'FlowLens',
      updatedMs: 1,
      jsonData: { engine: 'clickhouse', url: chdbHttp.url },
      decryptedSecureJsonData: {},
    };
    runners.clickhouse = (settingSeconds) =>
      dashboardRunner({
        engine: 'clickhouse',
        dataSource: withSetting(clickhouse, settingSeconds),
        instances,
        timeRange,
      });
    runners.snowflake = (settingSeconds) =>
      dashboardRunner({
        engine: 'snowflake',
        dataSource: withSetting(snowflakeDataSource(fakesnow), settingSeconds),
        instances,
        timeRange,
      });
    variables = await runners.clickhouse(exportIntervalSeconds).defaultVariables();
  }, 600_000);

  describe.each(['clickhouse', 'snowflake'] as const)('on %s', (engine) => {
    describe.each(ranges)('over $name', (range) => {
      const timeRange = { fromMs: end - range.ms, toMs: end };

      it('the Throughput stat reads the stream’s rate', async () => {
        const at = { timeRange, intervalMs: range.intervalMs[1000]! };
        const response = await runners[engine](exportIntervalSeconds).run(throughputStat, variables, onlyTheStream, at);
        expectWithinOnePercent(values(response));
      });

      it.each([1000, 1800])('every point of the builder’s series reads it, %i px wide', async (width) => {
        const intervalMs = range.intervalMs[width]!;
        const bucketSeconds = Math.ceil(Math.max(1, intervalMs / 1000) / exportIntervalSeconds) * exportIntervalSeconds;
        const firstBucket = Math.floor(timeRange.fromMs / 1000 / bucketSeconds);
        const lastBucket = Math.floor(timeRange.toMs / 1000 / bucketSeconds);
        for (const query of [pairSeries, sentSeries]) {
          const response = await runners[engine](exportIntervalSeconds).run(query, variables, onlyTheStream, {
            timeRange,
            intervalMs,
          });
          const readings = values(response);
          expect(readings, query.where).toHaveLength(lastBucket - firstBucket + 1);
          expectWithinOnePercent(readings);
        }
      });
    });

    // Only 60 s records can be misread this way; registering the case for 5 s would only skip it.
    if (exportIntervalSeconds === 60) {
      it('misreads when the datasource’s export interval is set shorter than the source’s (why the default is 60 s)', async () => {
        const timeRange = { fromMs: end - 3_600_000, toMs: end };
        const readings = values(
          await runners[engine](5).run(pairSeries, variables, onlyTheStream, { timeRange, intervalMs: 5_000 })
        );
        const worst = Math.max(...readings.map((value) => Math.abs(value - bitsPerSecond) / bitsPerSecond));
        expect(worst).toBeGreaterThan(0.5);
      });
    }

    it('reads right when the datasource’s export interval is set longer than the source’s', async () => {
      const timeRange = { fromMs: end - 6 * 3_600_000, toMs: end };
      const runner = runners[engine](300);
      expectWithinOnePercent(
        values(await runner.run(throughputStat, variables, onlyTheStream, { timeRange, intervalMs: 20_000 }))
      );
      expectWithinOnePercent(
        values(await runner.run(pairSeries, variables, onlyTheStream, { timeRange, intervalMs: 20_000 }))
      );
    });
  });
});
