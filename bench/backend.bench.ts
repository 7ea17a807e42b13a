// npm run bench -- backend
// QueryData through the real plugin executable (gRPC over its unix socket) for 10k / 100k / 1M rows
// × 10 columns, against the named baseline "plain @clickhouse/client JSONEachRow fetch" of the same
// rows in the same run; both against ClickHouse 26 (chDB behind the HTTP fixture: our Arrow path)
// and Debian's ClickHouse 18.16 (our RowBinary row path). Also: start-to-handshake time (wall and CPU)
// and idle RSS, each beside a bare Node process started the same way (what no plugin code can go below).
// And a statement with a scalar subquery, sent once, against DESCRIBE-then-run through the plain client.
// Targets (issue 17): handshake ≤ 60 ms, idle RSS ≤ 50 MB, ratio ≤ 1.0 on the row path, peak RSS over
// idle ≤ 3× the frame bytes at 1M rows.
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@clickhouse/client';
import { tableFromIPC } from 'apache-arrow';
import {
  startLegacyClickHouse,
  startModernClickHouse,
} from '../plugins/flows-datasource/backend/test/support/engines.ts';
import {
  launchPlugin,
  pluginContext,
  pluginExecutable,
  queryDataRequest,
  responsesOf,
} from '../plugins/flows-datasource/backend/test/support/pluginProcess.ts';
import { installedCopy, measureStarts, type StartSample } from './support/processStart.ts';

const sizes = [10_000, 100_000, 1_000_000];
const repeats = 3;

const benchTable = `CREATE TABLE bench_flows (
  flowEndSeconds DateTime, sourcePodNamespace String, sourcePodName String, destinationPodNamespace String,
  destinationPodName String, destinationServicePortName String, protocolIdentifier UInt8,
  octetDeltaCount UInt64, packetDeltaCount UInt64, throughput UInt64
) ENGINE = MergeTree ORDER BY flowEndSeconds`;

const fill = (rows: number) => `INSERT INTO bench_flows SELECT
  toDateTime(1763700000 + intDiv(number, 50)), ['default', 'kube-system', 'bookinfo', 'three-tier'][number % 4 + 1],
  concat('pod-', toString(number % 997), '-', toString(number % 13)), ['default', 'bookinfo', 'monitoring'][number % 3 + 1],
  concat('svc-pod-', toString(number % 311)), concat('bookinfo/reviews:', toString(9000 + number % 5)), [6, 17][number % 2 + 1],
  number * 1543 % 1000000, number % 900 + 1, number * 7919 % 100000000
FROM numbers(${rows})`;

const columns =
  'flowEndSeconds, sourcePodNamespace, sourcePodName, destinationPodNamespace, destinationPodName, destinationServicePortName, protocolIdentifier, octetDeltaCount, packetDeltaCount, throughput';

function rssKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(field));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Node itself, printing a line at once and idling: the floor under the plugin's start and RSS. */
const bareNode = [process.execPath, '-e', 'console.log("1|2|unix|/none|grpc|"); setInterval(() => {}, 1000)'];

const startRuns = 11;

async function measure(label: string, url: string): Promise<void> {
  console.log(`\n${label}`);
  console.log(
    'rows        plain JSONEachRow   FlowLens QueryData   ratio   frame bytes   peak RSS over idle (× frame)'
  );
  const plain = createClient({ url, request_timeout: 600_000 });
  for (const rows of sizes) {
    const sql = `SELECT ${columns} FROM bench_flows ORDER BY flowEndSeconds LIMIT ${rows}`;
    const plainTimes: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      const result = await plain.query({ query: sql, format: 'JSONEachRow' });
      const data = await result.json();
      if (data.length !== rows) throw new Error(`plain fetch returned ${data.length} rows`);
      plainTimes.push(performance.now() - started);
    }
    // A fresh plugin per size, so its peak RSS (VmHWM) belongs to this size alone.
    const plugin = await launchPlugin();
    const datasource = { url, rowLimit: 2_000_000, updatedMs: 1 };
    await plugin.call('Data', 'QueryData', queryDataRequest(datasource, [{ refId: 'warm', rawSql: 'SELECT 1' }]));
    const idle = rssKiB(plugin.process.pid!, 'VmRSS');
    const ourTimes: number[] = [];
    let frameBytes = 0;
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      const response = responsesOf(
        await plugin.call('Data', 'QueryData', queryDataRequest(datasource, [{ refId: 'A', rawSql: sql }]))
      );
      ourTimes.push(performance.now() - started);
      const answer = response.A!;
      if (answer.error) throw new Error(answer.error);
      frameBytes = answer.frames[0]!.length;
      if (i === 0 && tableFromIPC(answer.frames[0]!).numRows !== rows) throw new Error('row count mismatch');
    }
    const peak = rssKiB(plugin.process.pid!, 'VmHWM');
    await plugin.stop();
    const plainMs = median(plainTimes);
    const ourMs = median(ourTimes);
    const overIdle = (peak - idle) * 1024;
    console.log(
      `${String(rows).padEnd(11)} ${`${plainMs.toFixed(0)} ms`.padEnd(19)} ${`${ourMs.toFixed(0)} ms`.padEnd(20)} ${(ourMs / plainMs).toFixed(2).padEnd(7)} ${mb(frameBytes).padEnd(13)} ${mb(overIdle)} (${(overIdle / frameBytes).toFixed(2)}×)`
    );
  }
  await scalarSubquery(plain, url);
  await plain.close();
}

/**
 * A statement with a scalar subquery, which ClickHouse runs while it analyzes the statement: FlowLens
 * sends it once and reads the types from the answer's header. Baseline: what the backend did before,
 * DESCRIBE and then the statement, through the plain client; and the statement alone (the floor).
 */
async function scalarSubquery(plain: ReturnType<typeof createClient>, url: string): Promise<void> {
  const sql =
    'SELECT sourcePodNamespace, count() AS n FROM bench_flows WHERE throughput > (SELECT quantileExact(0.99)(throughput) FROM bench_flows) GROUP BY sourcePodNamespace';
  const time = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < repeats + 2; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    return median(times);
  };
  const statement = () => plain.query({ query: sql, format: 'JSONEachRow' }).then((result) => result.json());
  const alone = await time(statement);
  const describedFirst = await time(async () => {
    await plain.query({ query: `DESCRIBE TABLE (${sql})`, format: 'JSONEachRow' }).then((result) => result.json());
    await statement();
  });
  const plugin = await launchPlugin();
  const datasource = { url, rowLimit: 2_000_000, updatedMs: 1 };
  await plugin.call('Data', 'QueryData', queryDataRequest(datasource, [{ refId: 'warm', rawSql: 'SELECT 1' }]));
  const ours = await time(async () => {
    const answer = responsesOf(
      await plugin.call('Data', 'QueryData', queryDataRequest(datasource, [{ refId: 'A', rawSql: sql }]))
    ).A!;
    if (answer.error) throw new Error(answer.error);
  });
  await plugin.stop();
  console.log(
    `scalar subquery over the 1M rows (median of ${repeats + 2}): FlowLens ${ours.toFixed(0)} ms; baseline DESCRIBE then the statement ${describedFirst.toFixed(0)} ms, ratio ${(ours / describedFirst).toFixed(2)}; the statement alone ${alone.toFixed(0)} ms, ratio ${(ours / alone).toFixed(2)}`
  );
}

function startSummary(samples: StartSample[]) {
  const of = (field: keyof StartSample) => median(samples.map((sample) => sample[field]));
  return { wallMs: of('wallMs'), cpuMs: of('cpuMs'), rssMb: of('rssMb'), anonMb: of('anonMb') };
}

export async function run(): Promise<void> {
  // Interleaved, so both see the same load; the plugin as Grafana's installer writes it (installedCopy).
  const installed = installedCopy(pluginExecutable);
  const bareSamples: StartSample[] = [];
  const pluginSamples: StartSample[] = [];
  const builtSamples: StartSample[] = [];
  for (let i = 0; i < startRuns; i++) {
    bareSamples.push(...(await measureStarts(bareNode, 1)));
    pluginSamples.push(...(await measureStarts([installed], 1)));
    builtSamples.push(...(await measureStarts([pluginExecutable], 1)));
  }
  // V8's memory reducer collects garbage and shrinks the young generation after some seconds of idling.
  const [settled] = await measureStarts([installed], 1, 12_000);
  const bare = startSummary(bareSamples);
  const plugin = startSummary(pluginSamples);
  const built = startSummary(builtSamples);
  console.log(
    `start to handshake (median of ${startRuns}): ${plugin.wallMs.toFixed(0)} ms (runs: ${pluginSamples.map((s) => s.wallMs.toFixed(0)).join(', ')}; target ≤ 60 ms); bare Node ${bare.wallMs.toFixed(0)} ms, ratio ${(plugin.wallMs / bare.wallMs).toFixed(2)}`
  );
  console.log(
    `CPU time to the handshake (what the wall time is with nothing else running): ${plugin.cpuMs.toFixed(0)} ms; bare Node ${bare.cpuMs.toFixed(0)} ms, ratio ${(plugin.cpuMs / bare.cpuMs).toFixed(2)}`
  );
  console.log(
    `idle RSS after the handshake: ${plugin.rssMb.toFixed(1)} MB (anonymous ${plugin.anonMb.toFixed(1)} MB; target ≤ 50 MB); bare Node ${bare.rssMb.toFixed(1)} MB (anonymous ${bare.anonMb.toFixed(1)} MB), ratio ${(plugin.rssMb / bare.rssMb).toFixed(2)}`
  );
  console.log(
    `  12 s after the handshake: ${settled!.rssMb.toFixed(1)} MB (anonymous ${settled!.anonMb.toFixed(1)} MB)`
  );
  console.log(
    `  the same executable as the build wrote it (one 100 MB write, large page-cache folios): ${built.rssMb.toFixed(1)} MB (anonymous ${built.anonMb.toFixed(1)} MB), start ${built.wallMs.toFixed(0)} ms`
  );

  const modern = await startModernClickHouse();
  modern.session.query(benchTable);
  modern.session.query(fill(Math.max(...sizes)));
  // A health check loads the ClickHouse client; Grafana runs one when a datasource is saved.
  for (const [label, executable] of [
    ['as Grafana installs it', installed],
    ['as built', pluginExecutable],
  ] as const) {
    const idlePlugin = await launchPlugin({}, { executable });
    await idlePlugin.call('Diagnostics', 'CheckHealth', { pluginContext: pluginContext({ url: modern.url }) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(
      `idle RSS after a health check (${label}): ${(rssKiB(idlePlugin.process.pid!, 'VmRSS') / 1024).toFixed(1)} MB`
    );
    await idlePlugin.stop();
  }
  rmSync(dirname(installed), { recursive: true, force: true });
  try {
    await measure('ClickHouse 26 (chDB + HTTP fixture) — Arrow path', modern.url);
  } finally {
    await modern.close();
  }

  const legacy = await startLegacyClickHouse();
  try {
    await legacy.query(benchTable);
    await legacy.query(fill(Math.max(...sizes)));
    await measure('ClickHouse 18.16 (Debian server) — row path', legacy.url);
  } finally {
    await legacy.close();
  }
}
