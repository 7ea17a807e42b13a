import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFlows } from '@flowlens/flowgen';
import type { ClickHouseServer } from '@flowlens/testkit';
import type { StoredFrame } from '../src/buffer/diskBuffer.ts';
import { FlowFrames } from '../src/pipeline/flowFrames.ts';
import { FlowsDestination } from '../src/shipping/flowsDestination.ts';
import { clickhouseWithSchema, eventually } from './helpers/harness.ts';
import { SlowInsertProxy } from './helpers/slowInsertProxy.ts';

// A frame of one cluster and one second, as the buffer hands it to the shipper.
function storedFrame(second: number, count: number, clusterUUID: string = randomUUID()): StoredFrame {
  const frames = new FlowFrames('RowBinary', 0, () => second);
  for (const record of generateFlows({ seed: 11, count })) frames.add({ ...record, clusterUUID });
  const [frame] = frames.seal();
  if (!frame) throw new Error('no frame sealed');
  return {
    frame,
    position: { segment: 1, offset: 0 },
    next: { segment: 1, offset: 1 },
    token: `${randomUUID()}-1-0`,
    bytes: frame.body.length,
  };
}

describe('a batch whose insert is still running when it is sent again (clickhouse-server 18.16)', () => {
  let clickhouse: ClickHouseServer;
  let proxy: SlowInsertProxy;
  const notes: string[] = [];
  const insertsRunning = async () =>
    Number((await clickhouse.query("SELECT count() FROM system.processes WHERE query LIKE 'INSERT INTO %'")).trim());

  beforeAll(async () => {
    clickhouse = await clickhouseWithSchema();
    proxy = await SlowInsertProxy.start(new URL(clickhouse.url));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await clickhouse?.close();
  });

  it('is stored once when its first sender stopped mid-insert and a new start sends it as uncertain', async () => {
    // About 1.9 MB: larger than what the proxy lets through before it holds the rest.
    const stored = storedFrame(1_790_000_000, 3500);
    expect(stored.bytes).toBeGreaterThan(1536 * 1024);
    const first = new FlowsDestination({ url: proxy.url }, (line) => notes.push(line));
    const firstSend = first.deliver(stored, false).then(
      () => 'answered',
      (error: Error) => error.message
    );
    let firstOutcome: string | undefined;
    void firstSend.then((outcome) => (firstOutcome = outcome));
    await eventually(
      'the first insert running on the server',
      async () => ({ running: await insertsRunning(), firstOutcome, inserts: proxy.insertsSeen }),
      ({ running }) => running === 1,
      30_000
    );
    // The first process goes away; what it sent still reaches ClickHouse through the proxy.
    await first.close();
    // Through the proxy too, so a resend would be counted there.
    const second = new FlowsDestination({ url: proxy.url }, (line) => notes.push(line));
    try {
      const secondSend = second.deliver(stored, true);
      // Once the second waits for the first insert to end (or has sent its own copy), the first may finish.
      await Promise.race([
        eventually(
          'the second sender waiting',
          async () => proxy.processListChecks,
          (n) => n > 0,
          30_000
        ),
        secondSend,
      ]);
      proxy.release();
      await secondSend;
    } finally {
      await second.close();
    }
    // Cut off by close(): the first sender never learns how its insert ended.
    expect(await firstSend).not.toBe('answered');
    expect(proxy.insertsSeen, 'the batch was not sent again').toBe(1);
    // Count only once the first insert is over: had the second sent it again, both copies are in by then.
    await eventually('the first insert over', insertsRunning, (n) => n === 0, 30_000);
    const rows = await clickhouse.query(
      `SELECT count() FROM flows WHERE clusterUUID = '${stored.frame.kind === 'flows' ? stored.frame.clusterUUID : ''}'`
    );
    expect(Number(rows.trim())).toBe(3500);
  }, 120_000);

  it('counts a batch whose clusterUUID has quotes in it (the count is SQL text)', async () => {
    const marker = randomUUID();
    const clusterUUID = `o'brien\\${marker}`;
    const stored = storedFrame(1_790_003_600, 50, clusterUUID);
    const destination = new FlowsDestination({ url: clickhouse.url }, (line) => notes.push(line));
    try {
      await destination.deliver(stored, true);
      await destination.deliver(stored, true);
    } finally {
      await destination.close();
    }
    const rows = await clickhouse.query(`SELECT count() FROM flows WHERE endsWith(clusterUUID, '${marker}')`);
    expect(Number(rows.trim())).toBe(50);
  }, 60_000);
});
