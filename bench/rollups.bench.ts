// npm run bench -- rollups
// The per-minute rollup (provisioning/clickhouse/05-flows-rollups.sql) in chDB (the ClickHouse 26 engine):
// 1. load rate with the materialized view attached vs the same records loaded without it (baseline),
//    best of three rounds each, alternating (target: ≥ 80 % of the baseline);
// 2. every dashboard builder query and anomaly query on 10,000,000 flowgen rows, through the backend's
//    QueryData, read from the rollup vs from the raw records (baseline), median of 3 runs each (target:
//    ≤ 150 ms per panel), variables, the policy recommendation and the service map among them. The
//    dashboards' raw SQL panels and annotations read no rollup; their medians are printed too.
// FLOWLENS_BENCH_ROWS sets the dashboard rows, FLOWLENS_BENCH_LOAD_ROWS the load-rate rows (1,000,000),
// FLOWLENS_BENCH_LOAD_ROUNDS the load rounds with and without the view (3 each),
// FLOWLENS_BENCH_RUNS the runs per panel from the rollup (3), FLOWLENS_BENCH_RAW_RUNS from the raw flows
// (as many; 1 keeps a 100M-row run short, where each raw panel takes seconds; 0 leaves them out). A query
// that hits the datasource's query timeout (raw or from the rollup) is printed as a timeout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { applySchema, chdbSchemaTarget, loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../plugins/flows-datasource/backend/src/logging/logger.ts';
import { dashboards } from '../dashboards/src/index.ts';
import {
  clickhouseDataSource,
  dashboardRunner,
  startingVariables,
  type DashboardRunner,
} from '../dashboards/test/support/dashboardRunner.ts';
import { dashboardQueries, type DashboardQuery } from '../dashboards/test/support/dashboardTargets.ts';
import type { TestVariable } from '@flowlens/testkit/templateSrv';

const rows = Number(process.env.FLOWLENS_BENCH_ROWS ?? 10_000_000);
const loadRows = Number(process.env.FLOWLENS_BENCH_LOAD_ROWS ?? 1_000_000);
const runsPerPanel = Number(process.env.FLOWLENS_BENCH_RUNS ?? 3);
const loadRounds = Number(process.env.FLOWLENS_BENCH_LOAD_ROUNDS ?? 3);
const rawRunsPerPanel = Number(process.env.FLOWLENS_BENCH_RAW_RUNS ?? runsPerPanel);
const panelTargetMs = 150;
const loadTarget = 0.8;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const msText = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : 'timeout');

async function loadRate(session: Session, withView: boolean): Promise<number> {
  if (withView) {
    // The schema files are idempotent: this puts the view back, and keeps the rollup catalog row.
    await applySchema(chdbSchemaTarget(session), { retentionHours: 0, log: () => undefined });
  } else {
    await session.queryAsync('DROP TABLE IF EXISTS flows_minutes_view');
  }
  await session.queryAsync('TRUNCATE TABLE flows');
  await session.queryAsync('TRUNCATE TABLE flows_minutes');
  const started = performance.now();
  await loadIntoChdb(session, { applySchema: false, seed: 7, from: '2025-01-06T06:00:00Z', scale: 8, count: loadRows });
  return loadRows / ((performance.now() - started) / 1000);
}

/**
 * Median time of a dashboard query. A query may hit the datasource's query timeout on 100M rows (a raw
 * baseline, the service map); it then counts as timed out, its time Infinity, instead of ending the run.
 */
async function timed(
  runner: DashboardRunner,
  query: DashboardQuery,
  variables: TestVariable[],
  runs: number
): Promise<{ ms: number; sql: string; timedOut?: true }> {
  const times: number[] = [];
  let sql = '';
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const answer = await runner.run(query, variables);
    times.push(performance.now() - started);
    if (answer.error && /timeout/i.test(answer.error)) return { ms: Infinity, sql, timedOut: true };
    if (answer.error) throw new Error(`${query.dashboard} / ${query.where}: ${answer.error}`);
    sql = answer.frames[0]?.meta?.executedQueryString ?? '';
  }
  return { ms: median(times), sql };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-bench-rollups-'));
  const session = new Session(dir);
  const http = await startChdbHttpServer({ session });
  const instances = new DatasourceInstances(
    createEngine,
    createLogger('bench', { level: 'error', write: () => undefined })
  );
  try {
    await applySchema(chdbSchemaTarget(session), { retentionHours: 0, log: () => undefined });
    // Rounds alternate, so a slower spell of a shared machine falls on both; each pair gives a ratio too.
    const rates = { without: [] as number[], with: [] as number[] };
    for (let round = 0; round < loadRounds; round++) {
      rates.without.push(await loadRate(session, false));
      rates.with.push(await loadRate(session, true));
    }
    const without = Math.max(...rates.without);
    const withView = Math.max(...rates.with);
    const pairRatios = rates.with.map((rate, round) => rate / rates.without[round]!);
    console.log(
      `load rate, ${loadRows.toLocaleString('en-US')} flowgen records into chDB, best of ${loadRounds} (pairs' ratios: ${pairRatios.map((ratio) => ratio.toFixed(2)).join(', ')}; median ${median(pairRatios).toFixed(2)}):`
    );
    console.log(
      `  without the rollup view (baseline) ${Math.round(without).toLocaleString('en-US').padStart(10)} records/s`
    );
    console.log(
      `  with the rollup view               ${Math.round(withView).toLocaleString('en-US').padStart(10)} records/s  ${(withView / without).toFixed(2)}× baseline (target ≥ ${loadTarget})`
    );

    await session.queryAsync('TRUNCATE TABLE flows');
    await session.queryAsync('TRUNCATE TABLE flows_minutes');
    const loadStarted = performance.now();
    await loadIntoChdb(session, { applySchema: false, from: '2025-01-06T06:00:00Z', scale: 8, count: rows });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const [minS, maxS] = (
      await session.queryAsync(
        'SELECT toUnixTimestamp(min(flowEndSeconds)), toUnixTimestamp(max(flowEndSeconds)) FROM flows',
        { format: 'TSV' }
      )
    )
      .text()
      .trim()
      .split('\t')
      .map(Number);
    const rollupRows = Number(
      (await session.queryAsync('SELECT count() FROM flows_minutes', { format: 'TSV' })).text()
    );
    console.log(
      `\nloaded ${rows.toLocaleString('en-US')} rows with the view in ${loadSeconds.toFixed(0)} s; the rollup holds ${rollupRows.toLocaleString('en-US')} rows (${((rollupRows / rows) * 100).toFixed(1)} % of the raw rows); dashboards over the whole range (${((maxS! - minS!) / 3600).toFixed(1)} h)`
    );
    const timeRange = { fromMs: minS! * 1000, toMs: (maxS! + 1) * 1000 };
    const runner = (uid: string, useRollups: boolean) =>
      dashboardRunner({
        engine: 'clickhouse',
        dataSource: clickhouseDataSource(uid, http.url, { useRollups }),
        instances,
        timeRange,
      });
    const raw = runner('raw', false);
    const rolled = runner('rollups', true);
    const variables = startingVariables();

    console.log(
      `\ndashboard / panel (median of ${rawRunsPerPanel} raw, ${runsPerPanel} rollup runs)                     raw flows     rollup  raw/rollup`
    );
    const rollupMs: number[] = [];
    const speedups: number[] = [];
    const servedRaw: string[] = [];
    const sqlPanels: Array<{ where: string; ms: number }> = [];
    for (const [name, dashboard] of Object.entries(dashboards)) {
      for (const query of dashboardQueries(name, dashboard)) {
        const where = `${name} / ${query.where}`;
        // FLOWLENS_BENCH_RAW_RUNS=0 leaves the raw baselines out (a 100M-row run then takes minutes, not an hour).
        const baseline = rawRunsPerPanel > 0 ? await timed(raw, query, variables, rawRunsPerPanel) : undefined;
        const builder = (query.target as { queryType?: string }).queryType === 'flows';
        const contender = await timed(rolled, query, variables, runsPerPanel);
        const readsRollup = /\bflows_minutes\b/.test(contender.sql);
        if (!builder && !readsRollup) {
          sqlPanels.push({ where, ms: contender.ms });
          continue;
        }
        if (!readsRollup && !contender.timedOut) servedRaw.push(where);
        rollupMs.push(contender.ms);
        const rawText = baseline ? msText(baseline.ms) : '—';
        const speedup = baseline && !baseline.timedOut && !contender.timedOut ? baseline.ms / contender.ms : undefined;
        if (speedup !== undefined) speedups.push(speedup);
        console.log(
          `${where.slice(0, 66).padEnd(67)} ${rawText.padStart(9)} ${msText(contender.ms).padStart(10)}  ${speedup === undefined ? '' : `${speedup.toFixed(1)}×`}`
        );
      }
    }
    const over = rollupMs.filter((ms) => ms > panelTargetMs).length;
    console.log(
      `\n${rollupMs.length} builder panels and anomaly queries from the rollup: median ${msText(median(rollupMs))}, slowest ${msText(Math.max(...rollupMs))}, ${over} over ${panelTargetMs} ms; ${speedups.length > 0 ? `speed-up vs raw median ${median(speedups).toFixed(1)}×, least ${Math.min(...speedups).toFixed(1)}×` : 'no raw baselines'}`
    );
    if (servedRaw.length > 0) console.log(`builder panels that still read the raw flows: ${servedRaw.join('; ')}`);
    // Slowest first; timed-out ones (Infinity) first of all, where a subtraction would give NaN.
    sqlPanels.sort((a, b) => (a.ms === b.ms ? 0 : a.ms < b.ms ? 1 : -1));
    const sqlOver = sqlPanels.filter((panel) => panel.ms > panelTargetMs).length;
    console.log(
      `${sqlPanels.length} other queries (raw SQL panels and annotations: they read no rollup): median ${msText(median(sqlPanels.map((p) => p.ms)))}, ${sqlOver} over ${panelTargetMs} ms, slowest first:`
    );
    // Every one, so a run shows which queries keep the dashboards from the target, not only the worst few.
    for (const panel of sqlPanels) {
      console.log(`  ${panel.where.slice(0, 66).padEnd(67)} ${msText(panel.ms).padStart(9)}`);
    }
  } finally {
    await instances.closeAll();
    await http.close();
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
