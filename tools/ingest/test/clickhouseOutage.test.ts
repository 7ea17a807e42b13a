import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFlows } from '@flowlens/flowgen';
import type { ClickHouseServer } from '@flowlens/testkit';
import { clickhouseWithSchema, eventually, post, sendTcp, startHarness, type Harness } from './helpers/harness.ts';

// Columns that tell flowgen's records apart; timeInserted is the ingest's own.
const identity =
  'toUInt32(flowEndSeconds), sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, octetTotalCount, packetTotalCount';
// Once ClickHouse answers again, the buffered batches start to go within this long (backoff is capped at 2 s).
const recoveryMs = 15_000;

describe('ClickHouse killed mid-stream: nothing lost, nothing doubled (clickhouse-server 18.16)', () => {
  let clickhouse: ClickHouseServer;
  let ingest: Harness;
  const rows = async () => Number((await clickhouse.query('SELECT count() FROM flows')).trim());

  beforeAll(async () => {
    clickhouse = await clickhouseWithSchema();
    // A small buffer, so the outage also fills it: TCP then waits and HTTP answers 503.
    ingest = await startHarness(clickhouse.url, { maxBufferBytes: 600 * 1024, maxOpenRows: 1000 });
  }, 120_000);
  afterAll(async () => {
    await ingest?.close();
    await clickhouse?.close();
  });

  it('buffers during the outage, pushes back when full, and stores every record exactly once', async () => {
    const records = [...generateFlows({ seed: 7, count: 12_000 })];
    const lines = records.map((record) => JSON.stringify(record));
    const expected = records
      .map((r) =>
        [
          r.flowEndSeconds,
          r.sourceIP,
          r.sourceTransportPort,
          r.destinationIP,
          r.destinationTransportPort,
          r.octetTotalCount,
          r.packetTotalCount,
        ].join('\t')
      )
      .sort();

    // The first third arrives while ClickHouse is up; it is killed while the rest streams in.
    await sendTcp(ingest.service.tcpPort, lines.slice(0, 4000));
    await eventually('the first records stored', rows, (n) => n > 0);
    await clickhouse.kill();
    const streaming = (async () => {
      for (let i = 4000; i < lines.length; i += 500) {
        await sendTcp(ingest.service.tcpPort, lines.slice(i, i + 500));
      }
    })();
    // The buffer fills while ClickHouse is away: HTTP is told to come back later.
    // Probes go to their own cluster, so the records they store are told apart from the stream's.
    let probesStored = 0;
    const refused = await eventually(
      'a 503 from the full buffer',
      async () => {
        const answer = await post(
          ingest.service.httpPort,
          '/v1/flows?cluster=probe',
          lines[0]!.replace(/"clusterUUID":"[^"]*"/, '"clusterUUID":""')
        );
        if (answer.status === 200) probesStored++;
        return answer;
      },
      (answer) => answer.status === 503
    );
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(ingest.service.buffer.isFull()).toBe(true);
    let streamingDone = false;
    void streaming.then(() => (streamingDone = true));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(streamingDone, 'TCP senders wait while the buffer is full').toBe(false);

    await clickhouse.start();
    const storedWhenBack = await rows();
    await eventually('sending resumed after ClickHouse came back', rows, (n) => n > storedWhenBack, recoveryMs);
    await streaming;
    await eventually('every record stored', rows, (n) => n >= records.length + probesStored, 120_000);
    await eventually(
      'the buffer drained',
      async () => ingest.service.buffer.pendingRows,
      (n) => n === 0
    );
    const probes = Number((await clickhouse.query("SELECT count() FROM flows WHERE clusterUUID = 'probe'")).trim());
    expect(probes).toBe(probesStored);
    const stored = (
      await clickhouse.query(`SELECT ${identity} FROM flows WHERE clusterUUID != 'probe' FORMAT TabSeparated`)
    )
      .trim()
      .split('\n')
      .sort();
    expect(stored.length).toBe(records.length);
    expect(stored).toEqual(expected);
    const metrics = await (await fetch(`http://127.0.0.1:${ingest.service.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/flowlens_ingest_backpressure_total\{input="tcp"\} [1-9]/);
  }, 300_000);

  it('keeps buffered records across its own restart and sends them once ClickHouse is back', async () => {
    // These ~1 MB must all be on disk before the restart: the first test's 600 KiB bound would hold
    // part of them back in the sender (TCP backpressure), so this test's service has room for them.
    const roomy = { maxBufferBytes: 8 * 1024 * 1024 };
    await ingest.restart(roomy);
    const before = await rows();
    await clickhouse.kill();
    const records = [...generateFlows({ seed: 8, count: 2000 })].map((record) => JSON.stringify(record));
    await sendTcp(ingest.service.tcpPort, records);
    await eventually(
      'records on disk',
      async () => ingest.service.buffer.pendingRows,
      (n) => n === records.length
    );
    await ingest.restart(roomy);
    expect(ingest.service.buffer.pendingRows).toBe(records.length);
    await clickhouse.start();
    await eventually('records stored after the restart', rows, (n) => n === before + records.length, recoveryMs);
    await eventually(
      'the buffer drained',
      async () => ingest.service.buffer.pendingRows,
      (n) => n === 0
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await rows()).toBe(before + records.length);
  }, 300_000);
});
