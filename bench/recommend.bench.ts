// npm run bench -- recommend
// NetworkPolicy recommendation on 1M and 10M flowgen rows in chDB (the ClickHouse 26 engine), through
// the datasource's recommendPolicies path over ClickHouse HTTP, in a child process so its peak RSS is
// the recommender's own. Baseline, same run: the connection-counting SQL alone, straight in chDB, so
// the difference is what building, replaying and encoding the policies costs. Target ≤ 5 s at 10M
// (Theia's Spark job: minutes to hours).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Session } from 'chdb';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { observedConnectionsSql } from '../plugins/flows-datasource/backend/src/recommend/observedConnections.ts';
import {
  defaultRecommendOptions,
  type PolicyType,
} from '../plugins/flows-datasource/backend/src/recommend/recommendOptions.ts';
import { clickhouseDialect } from '../plugins/flows-datasource/backend/src/sql/clickhouseDialect.ts';
import { expandMacros } from '../plugins/flows-datasource/backend/src/sql/macroExpander.ts';

const execute = promisify(execFile);
const sizes = (process.env.FLOWLENS_BENCH_ROWS ?? '1000000,10000000').split(',').map(Number);
const policyTypes: PolicyType[] = ['k8s-np', 'anp-deny-applied', 'anp-deny-all'];
const queryOnce = join(import.meta.dirname, 'support/queryOnce.ts');

export async function run_(): Promise<void> {}

export async function run(): Promise<void> {
  for (const rows of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'flowlens-bench-recommend-'));
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
      const timeRange = { fromMs: minS! * 1000, toMs: (maxS! + 1) * 1000 };
      console.log(
        `\n${rows.toLocaleString('en-US')} flowgen rows loaded in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s, ${((maxS! - minS!) / 3600).toFixed(1)} h of flows`
      );
      const sql = expandMacros(
        observedConnectionsSql(defaultRecommendOptions, clickhouseDialect, []),
        clickhouseDialect,
        {
          timeRange,
          intervalMs: 60_000,
        }
      );
      const sqlStarted = performance.now();
      const kinds = session.query(sql, 'TSV').trim().split('\n').length;
      const sqlMs = performance.now() - sqlStarted;
      console.log(
        `baseline: the connection-counting SQL alone in chDB ${sqlMs.toFixed(0)} ms (${kinds.toLocaleString('en-US')} kinds of connection)`
      );
      console.log('policy type         granularity   total ms   × SQL   RSS warm → peak (growth)   policies');
      for (const policyType of policyTypes) {
        for (const granularity of ['workload', 'namespace']) {
          const { stdout } = await execute(
            process.execPath,
            [
              '--import',
              'tsx',
              queryOnce,
              http.url,
              JSON.stringify(timeRange),
              'recommendPolicies',
              JSON.stringify({ recommend: { version: 1, policyType, granularity } }),
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
          if (result.error) throw new Error(`${policyType}/${granularity}: ${result.error}`);
          console.log(
            `${policyType.padEnd(19)} ${granularity.padEnd(12)} ${result.ms.toFixed(0).padStart(9)} ${(result.ms / sqlMs).toFixed(2).padStart(7)} ${`${result.rssMb.toFixed(0)} → ${result.peakRssMb.toFixed(0)} MB (+${(result.peakRssMb - result.rssMb).toFixed(0)})`.padStart(26)} ${String(result.rows).padStart(10)}`
          );
        }
      }
    } finally {
      await http.close();
      session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
