import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntoChdb, loadIntoClickHouse } from '@flowlens/flowgen';
import { ClickHouseServer, startChdbHttpServer } from '@flowlens/testkit';
import type { TestVariable } from '@flowlens/testkit/templateSrv';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../../plugins/flows-datasource/backend/src/logging/logger.ts';
import type { TimeRange } from '../../plugins/flows-datasource/backend/src/timeRange.ts';
import { dashboards } from '../src/index.ts';
import {
  clickhouseDataSource,
  dashboardRunner,
  intervalMsFor,
  type DashboardRunner,
} from './support/dashboardRunner.ts';
import { dashboardQueries, type DashboardQuery } from './support/dashboardTargets.ts';
import { frameDifferences } from './support/frameComparison.ts';

// flowgen's 08:40–10:00 (its drop burst at 09:00), loaded after provisioning/clickhouse/*.sql made the
// per-minute rollup, so the rollup holds every record.
const load = { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.5 } as const;
const at = (from: string, to: string): TimeRange => ({ fromMs: Date.parse(from), toMs: Date.parse(to) });

/**
 * The windows each question is asked over: the dashboards' hour, a zoom whose ends fall inside
 * minutes (raw edges beside whole rollup minutes), and the whole load in five-minute buckets.
 */
const windows: Array<{ name: string; timeRange: TimeRange; intervalMs?: number }> = [
  { name: 'the hour', timeRange: at('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z') },
  { name: 'an unaligned zoom', timeRange: at('2025-01-06T09:03:17.250Z', '2025-01-06T09:51:44.600Z') },
  { name: '5-minute buckets', timeRange: at('2025-01-06T08:40:00Z', '2025-01-06T10:00:00Z'), intervalMs: 300_000 },
];

// Builder questions, anomaly detection's denied flows, the policy recommendation's connections and the
// service map can read a rollup; raw SQL reads what it names.
const rollupQueries = Object.entries(dashboards)
  .flatMap(([name, dashboard]) => dashboardQueries(name, dashboard))
  .filter((query) =>
    ['flows', 'detectAnomalies', 'recommendPolicies', 'serviceMap'].includes(
      (query.target as { queryType?: string }).queryType ?? ''
    )
  );

const readsRollup = (sql: string | undefined) => /\bflows_minutes\b/.test(sql ?? '');

interface Servers {
  url: string;
  close(): Promise<void>;
}

/**
 * Two datasources on one database: one reads rollups where it can, the other the raw records always.
 * `uint128`: whether the server has UInt128, so that rolled-up connection counts not split by start
 * minute take a connection's two hashes as one integer (sql/rollupQuery.ts); the other servers count
 * the pairs.
 */
function describeEquivalence(
  server: string,
  uint128: boolean,
  start: () => Promise<Servers>,
  exportIntervalSeconds?: number
) {
  describe(`every dashboard builder and anomaly query answers the same from the rollup and the raw flows: ${server}`, () => {
    let servers: Servers;
    let instances: DatasourceInstances;
    let withRollups: DashboardRunner;
    let rawOnly: DashboardRunner;
    let variables: TestVariable[];

    beforeAll(async () => {
      servers = await start();
      instances = new DatasourceInstances(
        createEngine,
        createLogger('rollups-test', { level: 'error', write: () => undefined })
      );
      const runner = (uid: string, useRollups: boolean) =>
        dashboardRunner({
          engine: 'clickhouse',
          dataSource: clickhouseDataSource(uid, servers.url, { useRollups, exportIntervalSeconds }),
          instances,
          timeRange: windows[0]!.timeRange,
        });
      withRollups = runner('rollups', true);
      rawOnly = runner('raw', false);
      variables = await rawOnly.defaultVariables();
    }, 600_000);
    afterAll(async () => {
      await instances?.closeAll();
      await servers?.close();
    });

    async function compare(
      query: DashboardQuery,
      chosen: TestVariable[],
      adHoc: Array<{ key: string; operator: string; value: string }>
    ) {
      const outcomes: Array<{ window: string; rollup: boolean; sql: string; differences: string[]; rows: number }> = [];
      for (const window of windows) {
        const intervalMs = Math.max(window.intervalMs ?? 0, intervalMsFor(window.timeRange, query.minInterval));
        const asked = { timeRange: window.timeRange, intervalMs };
        const raw = await rawOnly.run(query, chosen, adHoc, asked);
        const rolled = await withRollups.run(query, chosen, adHoc, asked);
        expect(raw.error, `${query.dashboard} / ${query.where} raw`).toBeUndefined();
        expect(rolled.error, `${query.dashboard} / ${query.where} rollup`).toBeUndefined();
        expect(readsRollup(raw.frames[0]?.meta?.executedQueryString)).toBe(false);
        const sql = rolled.frames[0]?.meta?.executedQueryString ?? '';
        outcomes.push({
          window: window.name,
          rollup: readsRollup(sql),
          sql,
          differences: frameDifferences(raw.frames, rolled.frames),
          rows: raw.frames.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0),
        });
      }
      return outcomes;
    }

    it.each([
      ['default variables', [], undefined],
      [
        'one namespace and an ad-hoc filter',
        [{ key: 'destinationPodNamespace', operator: '!=', value: 'kube-system' }],
        ['bookinfo'],
      ],
      [
        'an ad-hoc filter on a column the rollup lacks',
        [{ key: 'sourceTransportPort', operator: '!=', value: '1' }],
        undefined,
      ],
    ] as const)(
      '%s',
      async (_name, adHoc, namespace) => {
        expect(rollupQueries.length).toBeGreaterThan(20);
        const chosen = variables.map((v) =>
          v.name === 'namespace' && namespace ? { ...v, value: [...namespace] } : v
        );
        const mismatches: string[] = [];
        const servedRaw: string[] = [];
        const connectionSql: string[] = [];
        const mapSql: string[] = [];
        let rowsCompared = 0;
        for (const query of rollupQueries) {
          for (const outcome of await compare(query, chosen, [...adHoc])) {
            const where = `${query.dashboard} / ${query.where} (${outcome.window})`;
            if (outcome.differences.length > 0) mismatches.push(`${where}: ${outcome.differences.join('; ')}`);
            if (!outcome.rollup) servedRaw.push(where);
            rowsCompared += outcome.rows;
            if (!outcome.rollup || !outcome.sql.includes('connectionStartHashes')) continue;
            if ((query.target as { queryType?: string }).queryType === 'serviceMap') mapSql.push(outcome.sql);
            else connectionSql.push(outcome.sql);
          }
        }
        expect(mismatches).toEqual([]);
        expect(rowsCompared).toBeGreaterThan(1000);
        if (adHoc.some((filter) => filter.key === 'sourceTransportPort')) {
          // Not a rollup column: every question must fall back to the raw records.
          expect(servedRaw.length).toBe(rollupQueries.length * windows.length);
        } else if (exportIntervalSeconds === undefined) {
          // Every builder question the dashboards ask fits the rollup.
          expect(servedRaw).toEqual([]);
          // Counts split by start minute (Home's, the recommendation's, the map's) tell connections apart
          // by the 64-bit key hash within a minute, on every server; the others count whole ids.
          const split = [...connectionSql, ...mapSql].filter((sql) => / AS p\b/.test(sql));
          const whole = connectionSql.filter((sql) => !/ AS p\b/.test(sql));
          expect(split.length).toBeGreaterThan(windows.length);
          expect(whole.length).toBeGreaterThan(0);
          for (const sql of split) {
            expect(sql).not.toContain('toUInt128(');
            expect(sql).toMatch(/\bl AS v\b|tuple\(l, /);
          }
          for (const sql of whole) expect(sql.includes('toUInt128(')).toBe(uint128);
          expect(mapSql.length).toBe(windows.length);
          for (const sql of mapSql) expect(sql).toMatch(/ AS p\b/);
        }
      },
      600_000
    );
  });
}

/** flowgen's records in a fresh chDB, behind its HTTP interface. */
async function chdbWithFlowgen() {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-rollups-'));
  const session = new Session(dir);
  await loadIntoChdb(session, load);
  const http = await startChdbHttpServer({ session });
  return {
    url: http.url,
    close: async () => {
      await http.close();
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeEquivalence('chDB (ClickHouse 26)', true, chdbWithFlowgen);

// A 30 s export interval: throughput buckets of 30 s are not whole minutes and the rollup's spread
// assumed 60 s, so those questions read the raw records; counts per whole minute still read the rollup.
describeEquivalence('chDB, a datasource set to a 30 s export interval', true, chdbWithFlowgen, 30);

describeEquivalence("Debian's clickhouse-server 18.16", false, async () => {
  const server = await ClickHouseServer.launch();
  await loadIntoClickHouse({ url: server.url, applySchema: true, ...load });
  return { url: server.url, close: () => server.close() };
});
