// npm run bench -- servicemap
// The serviceMap query on synthetic clusters of 5,000 and 50,000 pods in chDB (the ClickHouse 26 engine;
// FLOWLENS_BENCH_PODS to change the sizes), through the backend's QueryData over ClickHouse HTTP (the
// chDB fixture), grouped by pod, workload and namespace and folded to 100 nodes. Baseline, same run: the
// grouping SQL alone, expanded for the same range and run straight in chDB (× SQL is what the whole
// query type costs on top); and the same SQL through the engine over HTTP into Arrow, so that
// serviceMap minus it is what Node adds: reading the groups, building the graph, folding, the frames.
// The datasource reads the raw records, as that SQL does: the map from the per-minute rollup, against
// the raw records, is measured by `npm run bench -- rollups`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { applySchema, chdbSchemaTarget } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { queryData } from '../plugins/flows-datasource/backend/src/handlers/queryData.ts';
import { QueryMetrics } from '../plugins/flows-datasource/backend/src/handlers/queryMetrics.ts';
import { encodeFrame } from '../plugins/flows-datasource/backend/src/protocol/arrowFrames.ts';
import { createLogger } from '../plugins/flows-datasource/backend/src/logging/logger.ts';
import { parseServiceMapOptions } from '../plugins/flows-datasource/backend/src/servicemap/serviceMapOptions.ts';
import { serviceMapSql } from '../plugins/flows-datasource/backend/src/servicemap/serviceMapSql.ts';
import { clickhouseDialect } from '../plugins/flows-datasource/backend/src/sql/clickhouseDialect.ts';
import { expandMacros } from '../plugins/flows-datasource/backend/src/sql/macroExpander.ts';
import { manyPodsInsertSql } from '../plugins/flows-datasource/backend/test/servicemap/support/manyPods.ts';

const sizes = (process.env.FLOWLENS_BENCH_PODS ?? '5000,50000').split(',').map(Number);
const repeats = 3;
const t0 = Date.parse('2024-07-01T00:00:00Z') / 1000;
const timeRange = { fromMs: t0 * 1000, toMs: (t0 + 3600) * 1000 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  for (const pods of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'flowlens-bench-servicemap-'));
    const session = new Session(dir);
    const http = await startChdbHttpServer({ session });
    const instances = new DatasourceInstances(
      createEngine,
      createLogger('bench', { level: 'error', write: () => undefined })
    );
    try {
      // Kept forever: with the provisioned retention a background merge drops records of 2024 mid-run.
      await applySchema(chdbSchemaTarget(session), { retentionHours: 0, log: () => undefined });
      session.query(manyPodsInsertSql(pods, t0));
      const rows = Number(session.query('SELECT count() FROM flows', 'TSV').trim());
      console.log(`\n${pods.toLocaleString('en-US')} pods, ${rows.toLocaleString('en-US')} flow records`);
      const dataSource = {
        uid: 'bench',
        name: 'bench',
        updatedMs: 1,
        jsonData: { engine: 'clickhouse', url: http.url, useRollups: false },
        decryptedSecureJsonData: {},
      };
      const engine = instances.get(dataSource).engine;
      console.log(
        'group by    groups   nodes → shown   SQL alone   via engine   serviceMap   × SQL   Node adds   frames'
      );
      for (const groupBy of ['pod', 'workload', 'namespace']) {
        const model = { version: 1, groupBy, maxNodes: 100 };
        const sql = expandMacros(
          serviceMapSql(parseServiceMapOptions(model), clickhouseDialect, []),
          clickhouseDialect,
          {
            timeRange,
            intervalMs: 60_000,
            exportIntervalSeconds: 60,
          }
        );
        const sqlTimes: number[] = [];
        const engineTimes: number[] = [];
        const mapTimes: number[] = [];
        // One unmeasured round first: connections and the JIT warm up.
        await engine.query(sql, { timeoutMs: 600_000, rowLimit: 10_000_000, signal: new AbortController().signal });
        let groups = 0;
        let shown = 0;
        let before = 0;
        let frameBytes = 0;
        for (let i = 0; i < repeats; i++) {
          const sqlStarted = performance.now();
          groups = session.query(sql, 'TSV').trim().split('\n').length;
          sqlTimes.push(performance.now() - sqlStarted);

          const engineStarted = performance.now();
          await engine.query(sql, { timeoutMs: 600_000, rowLimit: 10_000_000, signal: new AbortController().signal });
          engineTimes.push(performance.now() - engineStarted);

          const started = performance.now();
          const responses = await queryData(
            {
              context: {
                orgId: 1,
                pluginId: 'flowlens-flows-datasource',
                dataSource,
              },
              queries: [
                {
                  refId: 'A',
                  queryType: 'serviceMap',
                  maxDataPoints: 1000,
                  intervalMs: 60_000,
                  timeRange,
                  json: { serviceMap: model },
                },
              ],
              signal: new AbortController().signal,
            },
            {
              instances,
              metrics: new QueryMetrics(),
              logger: createLogger('bench', { level: 'error', write: () => undefined }),
            }
          );
          const response = responses.get('A')!;
          if (response.error) throw new Error(`${groupBy}: ${response.error}`);
          // Grafana receives Arrow: encoding is part of the answer.
          frameBytes = response.frames.reduce((sum, frame) => sum + encodeFrame(frame).byteLength, 0);
          mapTimes.push(performance.now() - started);
          shown = response.frames[0]!.fields[0]!.values.length;
          const folding = response.frames[0]!.meta?.custom?.folding as { before: number } | undefined;
          before = folding?.before ?? shown;
        }
        const [sqlMs, engineMs, mapMs] = [median(sqlTimes), median(engineTimes), median(mapTimes)];
        console.log(
          `${groupBy.padEnd(10)} ${groups.toLocaleString('en-US').padStart(7)} ${`${before.toLocaleString('en-US')} → ${shown}`.padStart(15)} ${`${sqlMs.toFixed(0)} ms`.padStart(11)} ${`${engineMs.toFixed(0)} ms`.padStart(12)} ${`${mapMs.toFixed(0)} ms`.padStart(12)} ${(mapMs / sqlMs).toFixed(2).padStart(7)} ${`${Math.max(0, mapMs - engineMs).toFixed(0)} ms`.padStart(11)} ${`${(frameBytes / 1024).toFixed(0)} KiB`.padStart(8)}`
        );
      }
    } finally {
      await instances.closeAll();
      await http.close();
      session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nmedian of ${repeats} runs each; compare the × SQL ratios, not absolute times (the machine is shared).`
  );
}
