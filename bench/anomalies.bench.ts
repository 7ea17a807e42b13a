// npm run bench -- anomalies
// Anomaly detection (the datasource's detectAnomalies query) on 10,000,000 flowgen rows in chDB, through
// QueryData over ClickHouse HTTP, in a child process so its peak RSS is the detector's own. Baseline,
// same run: the windowing SQL alone, straight in chDB, so the difference is what judging the
// per-endpoint series costs. Target ≤ 2 s at 10M.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { parseDetectOptions } from '../plugins/flows-datasource/backend/src/anomalies/detectOptions.ts';
import { windowedValuesSql } from '../plugins/flows-datasource/backend/src/anomalies/windowedValuesSql.ts';
import { clickhouseDialect } from '../plugins/flows-datasource/backend/src/sql/clickhouseDialect.ts';
import { expandMacros } from '../plugins/flows-datasource/backend/src/sql/macroExpander.ts';
import { flowsTimeSpan, queryInOwnProcess, rssColumn } from './support/queryInOwnProcess.ts';

const rows = Number(process.env.FLOWLENS_BENCH_ROWS ?? 10_000_000);
const cases = [
  { metric: 'deniedFlows', endpoint: 'pod', method: 'meanStddev' },
  { metric: 'deniedFlows', endpoint: 'pod', method: 'medianMad' },
  { metric: 'deniedFlows', endpoint: 'pod', method: 'ewma' },
  { metric: 'throughput', endpoint: 'pod', method: 'meanStddev' },
  { metric: 'throughput', endpoint: 'namespace', method: 'medianMad' },
  { metric: 'throughput', endpoint: 'externalIP', method: 'ewma' },
];

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-bench-anomalies-'));
  const session = new Session(dir);
  const http = await startChdbHttpServer({ session });
  try {
    const loadStarted = performance.now();
    // Fewer rows per hour as the count grows, so the flows always span more than a day (10M rows: 30 h)
    // and the judged last 2 hours have their full day of history.
    await loadIntoChdb(session, { from: '2025-01-06T00:00:00Z', scale: rows / 6_500_000, count: rows });
    const { minS, maxS } = flowsTimeSpan(session);
    console.log(
      `${rows.toLocaleString('en-US')} flowgen rows loaded in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s, ${((maxS - minS) / 3600).toFixed(1)} h of flows; judging the last 2 h against everything before (5-minute windows, 1-day history)`
    );
    const timeRange = { fromMs: (maxS - 7200) * 1000, toMs: (maxS + 1) * 1000 };
    console.log(
      'metric        endpoint     method       SQL alone   detectAnomalies   × SQL   RSS warm → peak (growth)   frames rows'
    );
    for (const model of cases) {
      // Every window of every endpoint in the range comes back: the most work the judging can do.
      const detect = { version: 1, ...model, output: 'series', maxEndpoints: 10_000 };
      const options = parseDetectOptions(detect);
      const windowMs = options.windowSeconds * 1000;
      const sql = expandMacros(windowedValuesSql(options, clickhouseDialect, []), clickhouseDialect, {
        timeRange: {
          fromMs: Math.floor(timeRange.fromMs / windowMs) * windowMs - options.historyWindows * windowMs,
          toMs: timeRange.toMs,
        },
        intervalMs: windowMs,
      });
      const sqlStarted = performance.now();
      session.query(sql, 'TSV');
      const sqlMs = performance.now() - sqlStarted;
      const result = await queryInOwnProcess(JSON.stringify(model), http.url, timeRange, 'detectAnomalies', {
        format: 'table',
        detect,
      });
      console.log(
        `${model.metric.padEnd(13)} ${model.endpoint.padEnd(12)} ${model.method.padEnd(11)} ${`${sqlMs.toFixed(0)} ms`.padStart(10)} ${`${result.ms.toFixed(0)} ms`.padStart(17)} ${(result.ms / sqlMs).toFixed(2).padStart(7)} ${rssColumn(result)} ${String(result.rows).padStart(12)}`
      );
    }
  } finally {
    await http.close();
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
