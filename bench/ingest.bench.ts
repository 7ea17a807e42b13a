// npm run bench -- ingest
// Lines per second flowlens-ingest parses (FlowLens NDJSON and Hubble jsonpb) and inserts end to
// end (TCP in, buffer on disk, Debian's clickhouse-server 18.16 out), next to the named baseline
// measured in the same run: flowgen's loader inserting the same records straight into ClickHouse.
// The lines come as the `cat flows.log | nc host port` connector sends them: a file streamed to the
// TCP port by another process, so the sender's work is not counted as flowlens-ingest's.
// INGEST_BENCH_LINES sets the line count (default 300,000). Target: 50,000 lines/s inserted.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySchema, clickhouseSchemaTarget, generateFlows, loadIntoClickHouse } from '@flowlens/flowgen';
import { ClickHouseServer } from '@flowlens/testkit';
import { PacketbeatFlowTotals, parseLine } from '../tools/ingest/src/index.ts';
import { startIngest } from '../tools/ingest/src/index.ts';

const lines = Number(process.env.INGEST_BENCH_LINES ?? 300_000);
const target = 50_000;
const records = { seed: 1, count: lines, scale: 3 } as const;

function hubbleLines(): string[] {
  const samples = readFileSync(
    join(import.meta.dirname, '../tools/ingest/test/fixtures/hubble-jsonpb-gke.jsonl'),
    'utf8'
  )
    .split('\n')
    .filter(Boolean);
  // The real sample lines, each with its own client port, so the records differ as real traffic does.
  // The client is the source of a request and the destination of a reply (the server keeps its port).
  const clientPortOf = samples.map((line) => (/"reply":true/.test(line) ? 'destination_port' : 'source_port'));
  return Array.from({ length: lines }, (_, i) => {
    const clientPort = clientPortOf[i % samples.length]!;
    return samples[i % samples.length]!.replace(
      clientPort === 'source_port' ? /"source_port":\d+/ : /"destination_port":\d+/,
      `"${clientPort}":${1024 + (i % 60_000)}`
    );
  });
}

function report(title: string, rows: Array<{ name: string; seconds: number; baseline?: number }>): void {
  console.log(`\n${title} (${lines.toLocaleString('en-US')} lines)`);
  const baseline = rows[0]!;
  for (const row of rows) {
    const rate = lines / row.seconds;
    const ratio =
      row === baseline ? 'baseline' : `${(lines / row.seconds / (lines / baseline.seconds)).toFixed(2)}× baseline`;
    const verdict = rate >= target ? 'meets' : 'BELOW';
    console.log(
      `  ${row.name.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(9)} lines/s ${row.seconds.toFixed(2).padStart(7)} s  ${ratio.padEnd(14)} (${verdict} the ${target.toLocaleString('en-US')}/s target)`
    );
  }
}

function parsing(): void {
  const context = { clusterUUID: 'bench', packetbeatTotals: new PacketbeatFlowTotals() };
  const flowgenLines = [...generateFlows(records)].map((record) => JSON.stringify(record));
  const hubble = hubbleLines();
  const time = (work: () => void) => {
    const started = performance.now();
    work();
    return (performance.now() - started) / 1000;
  };
  const jsonParse = time(() => flowgenLines.forEach((line) => JSON.parse(line)));
  const flowlens = time(() => flowgenLines.forEach((line) => parseLine(line, context)));
  const hubbleSeconds = time(() => hubble.forEach((line) => parseLine(line, context)));
  report('Parsed (one core)', [
    { name: 'JSON.parse of the FlowLens lines (baseline: parsing alone)', seconds: jsonParse },
    { name: 'parseLine, FlowLens/flowgen NDJSON', seconds: flowlens },
    { name: 'parseLine, Hubble -o jsonpb', seconds: hubbleSeconds },
  ]);
}

function writeLines(path: string, text: string[]): void {
  const file = openSync(path, 'w');
  try {
    for (let i = 0; i < text.length; i += 10_000) writeSync(file, text.slice(i, i + 10_000).join('\n') + '\n');
  } finally {
    closeSync(file);
  }
}

/** Streams the file to the port from another process, as `cat file | nc 127.0.0.1 port` does. */
function sendFile(port: number, path: string): Promise<void> {
  const sender = `const socket = require('node:net').connect(${port}, '127.0.0.1', () => require('node:fs').createReadStream(${JSON.stringify(path)}).pipe(socket));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', sender], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the sender exited with ${code}`))));
  });
}

async function inserted(): Promise<void> {
  const server = await ClickHouseServer.launch();
  const dataDir = mkdtempSync(join(tmpdir(), 'flowlens-ingest-bench-'));
  try {
    const schema = clickhouseSchemaTarget({ url: server.url });
    await applySchema(schema, { retentionHours: 0, log: () => undefined }).finally(() => schema.close());
    // 18.16 closes idle keep-alive connections; a query that meets one simply asks again.
    const query = async (sql: string): Promise<string> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await server.query(sql);
        } catch (error) {
          if (attempt === 5) throw error;
        }
      }
    };
    const count = async (): Promise<number> => Number((await query('SELECT count() FROM flows')).trim());

    let started = performance.now();
    await loadIntoClickHouse({ url: server.url, ...records, batchRows: 100_000, log: () => undefined });
    const baseline = (performance.now() - started) / 1000;
    if ((await count()) !== lines) throw new Error('the baseline did not store every record');

    const ingest = await startIngest({
      clickhouse: { url: server.url },
      dataDir,
      tcpPort: 0,
      httpPort: 0,
      log: () => undefined,
    });
    const run = async (name: string, text: string[]) => {
      const path = join(dataDir, 'lines.ndjson');
      writeLines(path, text);
      await query('TRUNCATE TABLE flows');
      started = performance.now();
      await sendFile(ingest.tcpPort, path);
      while ((await count()) < lines) await new Promise((resolve) => setTimeout(resolve, 50));
      const seconds = (performance.now() - started) / 1000;
      if ((await count()) !== lines) throw new Error(`${name}: ${await count()} rows for ${lines} lines`);
      return { name, seconds };
    };
    try {
      const flowlens = await run(
        'flowlens-ingest, FlowLens NDJSON over TCP → 18.16',
        [...generateFlows(records)].map((r) => JSON.stringify(r))
      );
      const hubble = await run('flowlens-ingest, Hubble jsonpb over TCP → 18.16', hubbleLines());
      report('Inserted into clickhouse-server 18.16 (until every row is counted)', [
        { name: 'flowgen loadIntoClickHouse, the same records (baseline)', seconds: baseline },
        flowlens,
        hubble,
      ]);
    } finally {
      await ingest.close();
    }
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log(
    `ingest benchmark: load average at start ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores (other work slows every figure alike)`
  );
  parsing();
  await inserted();
}
