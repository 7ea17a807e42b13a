// npm run bench -- anomalies
// Anomaly detection (the datasource's detectAnomalies query) on 10,000,000 flowgen rows in chDB, through
// QueryData over ClickHouse HTTP, in a child process so its peak RSS is the detector's own. Baseline,
// same run: the windowing SQL alone, straight in chDB, so the difference is what judging the
// per-endpoint series costs. Target ≤ 2 s at 10M.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Session } from 'chdb';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { parseDetectOptions } from '../plugins/flows-datasource/backend/src/anomalies/detectOptions.ts';
import { windowedValuesSql } from '../plugins/flows-datasource/backend/src/anomalies/windowedValuesSql.ts';
import { clickhouseDialect } from '../plugins/flows-datasource/backend/src/sql/clickhouseDialect.ts';
import { expandMacros } from '../plugins/flows-datasource/backend/src/sql/macroExpander.ts';

const execute = promisify(execFile);
const rows = Number(process.env.FLOWLENS_BENCH_ROWS ?? 10_000_000);
const queryOnce = join(import.meta.dirname, 'support/queryOnce.ts');
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
    await loadIntoChdb(session, { from: '2025-01-06T00:00:00Z', scale: 8, count: rows });
    const [minS, maxS] = session
      .query('SELECT toUnixTimestamp(min(flowEndSeconds)), toUnixTimestamp(max(flowEndSeconds)) FROM flows', 'TSV')
      .trim()
      .split('\t')
      .map(Number);
    console.log(
      `${rows.toLocaleString('en-US')} flowgen rows loaded in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s, ${((maxS! - minS!) / 3600).toFixed(1)} h of flows; judging the last 2 h against everything before (5-minute windows, 1-day history)`
    );
    const timeRange = { fromMs: (maxS! - 7200) * 1000, toMs: (maxS! + 1) * 1000 };
    console.log(
      'metric        endpoint     method       SQL alone   detectAnomalies   × SQL   RSS warm → peak (growth)   frames rows'
    );
    for (const model of cases) {
      const detect = { version: 1, ...model, output: 'anomalies' };
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
      const { stdout } = await execute(
        process.execPath,
        [
          '--import',
          'tsx',
          queryOnce,
          http.url,
          JSON.stringify(timeRange),
          'detectAnomalies',
          JSON.stringify({ format: 'table', detect }),
        ],
        { maxBuffer: 64 * 1024 * 1024 }
      );
      const result = JSON.parse(stdout) as {
        ms: number;
        rssMb: number;
        peakRssMb: number;
        rows: number;
        error?: string;
      };
      if (result.error) throw new Error(`${JSON.stringify(model)}: ${result.error}`);
      console.log(
        `${model.metric.padEnd(13)} ${model.endpoint.padEnd(12)} ${model.method.padEnd(11)} ${`${sqlMs.toFixed(0)} ms`.padStart(10)} ${`${result.ms.toFixed(0)} ms`.padStart(17)} ${(result.ms / sqlMs).toFixed(2).padStart(7)} ${`${result.rssMb.toFixed(0)} → ${result.peakRssMb.toFixed(0)} MB (+${(result.peakRssMb - result.rssMb).toFixed(0)})`.padStart(26)} ${String(result.rows).padStart(12)}`
      );
    }
  } finally {
    await http.close();
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
