// npm run bench -- flowgen
// Records per second flowgen generates, loads into Debian's clickhouse-server 18.16 (started here
// with testkit, stopped after) and loads into chDB, each next to a named baseline measured in the
// same run on the same records, and next to Theia's documented ~4,000 inserted rows/s.
// FLOWGEN_BENCH_ROWS sets the record count (default 1,000,000).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { drainPending, Session } from 'chdb';
import {
  applySchema,
  clickhouseSchemaTarget,
  generateFlows,
  loadIntoChdb,
  loadIntoClickHouse,
  writeFlows,
  type FlowRecord,
  type FlowSink,
} from '@flowlens/flowgen';
import { ClickHouseServer } from '@flowlens/testkit';
import { RowBinaryEncoder } from '../tools/flowgen/src/encoding/rowBinary.ts';
import { TabSeparatedEncoder } from '../tools/flowgen/src/encoding/tabSeparated.ts';

const rows = Number(process.env.FLOWGEN_BENCH_ROWS ?? 1_000_000);
const batchRows = 100_000;
const theiaRowsPerSecond = 4_000;
// The same records in every measurement: three times the default traffic from 2025-01-06 00:00 UTC.
const records = { seed: 1, count: rows, scale: 3 } as const;

interface Measurement {
  name: string;
  seconds: number;
  /** CPU used by this process (chDB included) and by clickhouse-server, when there is one. */
  cpuSeconds: number;
}

// The machine may be shared: wall-clock figures then shrink with everyone else's load, while CPU
// seconds per record do not. Both are printed.
async function measure(name: string, work: () => Promise<unknown>, serverPid?: number): Promise<Measurement> {
  const cpu = process.cpuUsage();
  const serverCpu = serverPid === undefined ? 0 : processCpuSeconds(serverPid);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const serverUsed = serverPid === undefined ? 0 : processCpuSeconds(serverPid) - serverCpu;
  return { name, seconds, cpuSeconds: (used.user + used.system) / 1e6 + serverUsed };
}

/** User + system CPU seconds of a process, from /proc (Linux's clock ticks are 1/100 s). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The pid of the clickhouse-server testkit started with its data in `dir`. */
function serverPidFor(dir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      try {
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`${dir}/config.xml`)) {
          return Number(entry);
        }
      } catch {
        // The process ended while we looked.
      }
    }
  }
  return undefined;
}

function report(title: string, baseline: Measurement, contenders: Measurement[]): void {
  const rate = (m: Measurement) => rows / m.seconds;
  console.log(`\n${title} (${rows.toLocaleString('en-US')} records)`);
  const perCpu = (m: Measurement) => rows / m.cpuSeconds;
  for (const m of [baseline, ...contenders]) {
    const vsBaseline = m === baseline ? 'baseline' : `${(rate(m) / rate(baseline)).toFixed(2)}× baseline`;
    console.log(
      `  ${m.name.padEnd(56)} ${Math.round(rate(m)).toLocaleString('en-US').padStart(9)} records/s ` +
        `${m.seconds.toFixed(2).padStart(7)} s  ${vsBaseline.padEnd(14)} ` +
        `${(rate(m) / theiaRowsPerSecond).toFixed(1).padStart(5)}× Theia's ~4,000/s  | ` +
        `${Math.round(perCpu(m)).toLocaleString('en-US').padStart(9)} records per CPU second ` +
        `(${m.cpuSeconds.toFixed(1)} s CPU)`
    );
  }
}

function nullSink(encoder: FlowSink['encoder']): FlowSink {
  return {
    encoder,
    description: 'nowhere',
    preferredBatchRows: batchRows,
    write: async () => {},
    close: async () => {},
  };
}

/** The records as objects, a batch at a time, as a plain loader would hold them. */
function* recordBatches(): Generator<FlowRecord[]> {
  let batch: FlowRecord[] = [];
  for (const record of generateFlows(records)) {
    batch.push(record);
    if (batch.length === batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) {
    yield batch;
  }
}

async function generation(): Promise<void> {
  const baseline = await measure('generateFlows() objects + JSON.stringify', async () => {
    let bytes = 0;
    for (const record of generateFlows(records)) {
      bytes += JSON.stringify(record).length;
    }
    return bytes;
  });
  const rowBinary = await measure('flowgen encoder, RowBinary (no sink)', () =>
    writeFlows(nullSink(new RowBinaryEncoder()), records)
  );
  const tabSeparated = await measure('flowgen encoder, TabSeparated (no sink)', () =>
    writeFlows(nullSink(new TabSeparatedEncoder()), records)
  );
  report('Generated', baseline, [rowBinary, tabSeparated]);
}

async function clickhouseServer(): Promise<void> {
  const server = await ClickHouseServer.launch();
  try {
    const target = clickhouseSchemaTarget({ url: server.url });
    const schema = await applySchema(target, { log: () => {} }).finally(() => target.close());
    const fresh = () => server.query('TRUNCATE TABLE flows');
    const pid = serverPidFor(server.dir);
    const stored = async () => Number((await server.query('SELECT count() FROM flows')).trim());

    await fresh();
    const client = createClient({ url: server.url });
    const baseline = await measure(
      '@clickhouse/client insert, JSONEachRow, 100k per insert',
      async () => {
        for (const batch of recordBatches()) {
          await client.insert({ table: 'flows', values: batch, format: 'JSONEachRow' });
        }
      },
      pid
    );
    await client.close();
    const baselineStored = await stored();

    const loads: Measurement[] = [];
    for (const format of ['RowBinary', 'TabSeparated'] as const) {
      await fresh();
      loads.push(
        await measure(
          `flowgen loadIntoClickHouse, ${format}`,
          () => loadIntoClickHouse({ url: server.url, format, ...records, batchRows, log: () => {} }),
          pid
        )
      );
      if ((await stored()) !== rows) {
        throw new Error(`flowgen stored ${await stored()} of ${rows} records into clickhouse-server`);
      }
    }
    report(
      `Loaded into clickhouse-server ${schema.serverVersion} over HTTP (CPU includes the server's)`,
      baseline,
      loads
    );
    if (baselineStored !== rows) {
      console.log(`  (the baseline stored ${baselineStored} of ${rows} records)`);
    }
  } finally {
    await server.close();
  }
}

async function chdb(): Promise<void> {
  // chDB allows one data folder per process; wait for any other benchmark's session to be gone.
  await drainPending();
  const dir = mkdtempSync(join(tmpdir(), 'flowgen-bench-chdb-'));
  const session = new Session(dir);
  try {
    const fresh = async () => {
      await session.queryAsync('DROP TABLE IF EXISTS flows');
    };
    await fresh();
    await loadIntoChdb(session, { ...records, count: 1 });
    await session.queryAsync('TRUNCATE TABLE flows');
    const baseline = await measure('chDB insert(), JSONEachRow text, 100k per insert', async () => {
      for (const batch of recordBatches()) {
        const text = batch.map((record) => JSON.stringify(record)).join('\n');
        await session.insert({ table: 'flows', values: Buffer.from(text), format: 'JSONEachRow' });
      }
    });
    await fresh();
    const load = await measure('flowgen loadIntoChdb (RowBinary through /dev/shm)', () =>
      loadIntoChdb(session, { ...records, batchRows })
    );
    const count = Number((await session.queryAsync('SELECT count() FROM flows', { format: 'TabSeparated' })).text());
    if (count !== rows) {
      throw new Error(`flowgen stored ${count} of ${rows} records into chDB`);
    }
    report('Loaded into chDB (ClickHouse 26 engine, in process)', baseline, [load]);
  } finally {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log(
    `flowgen benchmark: ${rows.toLocaleString('en-US')} records; load average at start ` +
      `${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (other work slows every figure alike)`
  );
  await generation();
  await clickhouseServer();
  await chdb();
}
