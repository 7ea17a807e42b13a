// One query through the datasource's QueryData, in its own process, for the recommend and anomalies
// benches: prints {"ms", "rssMb", "peakRssMb", "rows"} as JSON: RSS once warm (after the same query on
// a range without flows), and its peak during the real one, sampled every 5 ms; rows of the first frame.
// Arguments: <clickhouse url> <time range JSON> <queryType> <query model JSON>.
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { queryData } from '../../plugins/flows-datasource/backend/src/handlers/queryData.ts';
import { QueryMetrics } from '../../plugins/flows-datasource/backend/src/handlers/queryMetrics.ts';
import { createLogger } from '../../plugins/flows-datasource/backend/src/logging/logger.ts';

const [url, range, queryType, model] = process.argv.slice(2);
const logger = createLogger('bench', { level: 'error', write: () => undefined });
const instances = new DatasourceInstances(createEngine, logger);
const ask = (timeRange: { fromMs: number; toMs: number }) =>
  queryData(
    {
      context: {
        orgId: 1,
        pluginId: 'flowlens-flows-datasource',
        dataSource: {
          uid: 'bench',
          name: 'bench',
          updatedMs: 1,
          jsonData: { engine: 'clickhouse', url, queryTimeoutSeconds: 600 },
          decryptedSecureJsonData: {},
        },
      },
      queries: [
        {
          refId: 'A',
          queryType: queryType!,
          maxDataPoints: 1,
          intervalMs: 60_000,
          timeRange,
          json: JSON.parse(model!) as Record<string, unknown>,
        },
      ],
      signal: new AbortController().signal,
    },
    { instances, metrics: new QueryMetrics(), logger }
  );
await ask({ fromMs: 0, toMs: 60_000 });
const warmRss = process.memoryUsage().rss;
let peakRss = warmRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
const started = performance.now();
const responses = await ask(JSON.parse(range!) as { fromMs: number; toMs: number });
const ms = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const answer = responses.get('A')!;
await instances.closeAll();
process.stdout.write(
  JSON.stringify({
    ms,
    rssMb: warmRss / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    rows: answer.frames.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0),
    error: answer.error,
  })
);
