// npm run bench -- dashboards
// Every query of every dashboard on 10,000,000 flowgen rows in chDB (the ClickHouse 26 engine), run as
// Grafana would: interpolated by the datasource frontend, through the backend's QueryData, over
// ClickHouse HTTP (the chDB fixture), into Arrow frames. Baseline, same run: the same expanded SQL run
// straight in chDB, so the ratio is what the backend adds. Target: ≤ 1 s per panel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../plugins/flows-datasource/backend/src/logging/logger.ts';
import { dashboards } from '../dashboards/src/index.ts';
import { dashboardRunner, startingVariables } from '../dashboards/test/support/dashboardRunner.ts';
import { dashboardQueries, type DashboardQuery } from '../dashboards/test/support/dashboardTargets.ts';
import { flowsTimeSpan } from './support/queryInOwnProcess.ts';

const rows = Number(process.env.FLOWLENS_BENCH_ROWS ?? 10_000_000);

const rateTwins: Record<string, string> = { throughput: 'bytes', reverseThroughput: 'reverseBytes' };

/** A builder rate query asked as a plain sum per bucket: the cost baseline of spreading. */
function unspreadTwin(query: DashboardQuery): DashboardQuery | undefined {
  const flows = query.target.flows as Record<string, unknown> | undefined;
  const twin = flows && rateTwins[String(flows.metric)];
  return twin ? { ...query, target: { ...query.target, flows: { ...flows, metric: twin } } } : undefined;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-bench-dashboards-'));
  const session = new Session(dir);
  const http = await startChdbHttpServer({ session });
  const logger = createLogger('bench', { level: 'error', write: () => undefined });
  const instances = new DatasourceInstances(createEngine, logger);
  try {
    const loadStarted = performance.now();
    await loadIntoChdb(session, { from: '2025-01-06T06:00:00Z', scale: 8, count: rows });
    const { minS, maxS } = flowsTimeSpan(session);
    console.log(
      `loaded ${rows.toLocaleString('en-US')} flowgen rows in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s; dashboards over the whole range (${((maxS - minS) / 3600).toFixed(1)} h)`
    );
    const timeRange = { fromMs: minS * 1000, toMs: (maxS + 1) * 1000 };
    const variables = startingVariables();
    const runner = dashboardRunner({
      engine: 'clickhouse',
      dataSource: {
        uid: 'bench',
        name: 'bench',
        updatedMs: 1,
        jsonData: { engine: 'clickhouse', url: http.url },
        decryptedSecureJsonData: {},
      },
      instances,
      timeRange,
    });

    console.log('\ndashboard / panel                                                   backend    chDB direct  ratio');
    let worst = 0;
    const spreadCost: number[] = [];
    let total = 0;
    let count = 0;
    for (const [name, dashboard] of Object.entries(dashboards)) {
      for (const query of dashboardQueries(name, dashboard)) {
        const started = performance.now();
        const answer = await runner.run(query, variables);
        const backendMs = performance.now() - started;
        if (answer.error) throw new Error(`${name} / ${query.where}: ${answer.error}`);
        const sql = answer.frames[0]!.meta!.executedQueryString!;
        const directStarted = performance.now();
        await session.queryAsync(sql, { format: 'ArrowStream' });
        const directMs = performance.now() - directStarted;
        worst = Math.max(worst, backendMs);
        total += backendMs;
        count++;
        console.log(
          `${`${name} / ${query.where}`.slice(0, 66).padEnd(67)} ${`${backendMs.toFixed(0)} ms`.padStart(8)} ${`${directMs.toFixed(0)} ms`.padStart(12)}  ${(backendMs / directMs).toFixed(2)}`
        );
        const unspread = unspreadTwin(query);
        if (unspread) {
          // What spreading records over the seconds they cover costs: the same question summed per bucket.
          const twinStarted = performance.now();
          const twin = await runner.run(unspread, variables);
          if (twin.error) throw new Error(`${name} / ${query.where} (unspread): ${twin.error}`);
          const twinMs = performance.now() - twinStarted;
          spreadCost.push(backendMs / twinMs);
          console.log(
            `${'  the same summed per bucket, not spread'.padEnd(67)} ${`${twinMs.toFixed(0)} ms`.padStart(8)}  spread/summed ${(backendMs / twinMs).toFixed(2)}`
          );
        }
      }
    }
    if (spreadCost.length > 0) {
      const sorted = [...spreadCost].sort((a, b) => a - b);
      console.log(
        `\nthroughput spread over covered seconds vs summed per bucket, ${sorted.length} panels: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}×, worst ${sorted.at(-1)!.toFixed(2)}×`
      );
    }
    console.log(
      `\n${count} queries: mean ${(total / count).toFixed(0)} ms, slowest ${worst.toFixed(0)} ms (target ≤ 1000 ms per panel)`
    );
  } finally {
    await instances.closeAll();
    await http.close();
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
