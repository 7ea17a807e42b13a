import { ClickHouseServer } from '@flowlens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema, clickhouseSchemaTarget, generateFlows, loadIntoClickHouse } from '../src/index.ts';
import { LossyProxy } from './helpers/lossyProxy.ts';

// Debian's clickhouse-server 18.16 cannot deduplicate inserts, so these tests exercise the
// loader's own guard: check whether a failed batch landed before resending it.
let server: ClickHouseServer;
const notes: string[] = [];

const uniqueRecords = `uniqExact(flowStartSeconds, sourceIP, sourceTransportPort, destinationIP,
  destinationTransportPort, protocolIdentifier, flowEndSeconds)`;

async function countsIn(where: string): Promise<{ rows: number; unique: number; bytes: string }> {
  const [rows, unique, bytes] = (
    await server.query(`SELECT count(), ${uniqueRecords}, sum(octetDeltaCount) FROM flows WHERE ${where}`)
  )
    .trim()
    .split('\t');
  return { rows: Number(rows), unique: Number(unique), bytes: bytes as string };
}

function expectedBytes(options: Parameters<typeof generateFlows>[0]): string {
  let total = 0n;
  for (const record of generateFlows(options)) {
    total += BigInt(record.octetDeltaCount);
  }
  return total.toString();
}

beforeAll(async () => {
  server = await ClickHouseServer.launch();
  const target = clickhouseSchemaTarget({ url: server.url });
  try {
    await applySchema(target, { log: () => {} });
  } finally {
    target.close();
  }
});

afterAll(async () => {
  await server?.close();
});

describe('loading into clickhouse-server 18.16 while it fails', () => {
  it('survives the server being killed and restarted mid-load: every record once', async () => {
    const options = { seed: 31, from: '2025-04-01T00:00:00Z', count: 240_000, scale: 3, batchRows: 20_000 };
    let settled = false;
    const load = loadIntoClickHouse({ url: server.url, ...options, log: (line) => notes.push(line) }).finally(() => {
      settled = true;
    });
    // Kill it once the first batches are in, while the next ones are on the wire.
    while (!settled) {
      const stored = await server.query(
        "SELECT count() FROM flows WHERE timeInserted < toDateTime('2025-04-02 00:00:00')"
      );
      if (Number(stored.trim()) >= 40_000) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(settled).toBe(false);
    await server.kill();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.start();
    const result = await load;

    expect(result.guard).toBe('verify-before-resend');
    expect(result.rows).toBe(240_000);
    expect(result.retries).toBeGreaterThan(0);
    expect(notes.some((line) => line.includes('retrying with backoff'))).toBe(true);
    const stored = await countsIn("timeInserted < toDateTime('2025-04-02 00:00:00')");
    expect(stored).toEqual({ rows: 240_000, unique: 240_000, bytes: expectedBytes(options) });
  });

  it('does not resend a batch whose answer was lost after it was stored', async () => {
    const options = { seed: 32, from: '2025-05-01T00:00:00Z', count: 30_000, batchRows: 5_000 };
    const proxy = await LossyProxy.start(new URL(server.url), 3);
    try {
      const result = await loadIntoClickHouse({ url: proxy.url, ...options, log: () => {} });
      expect(proxy.answersLost).toBe(1);
      expect(result.retries).toBeGreaterThan(0);
      expect(result.landedDespiteFailure).toBe(1);
    } finally {
      await proxy.close();
    }
    const stored = await countsIn("timeInserted >= toDateTime('2025-05-01 00:00:00')");
    expect(stored).toEqual({ rows: 30_000, unique: 30_000, bytes: expectedBytes(options) });
  });

  it('gives up with a clear error when the server stays down past the retry time', async () => {
    await server.kill();
    try {
      await expect(
        loadIntoClickHouse({ url: server.url, count: 1_000, retrySeconds: 1, log: () => {} })
      ).rejects.toThrow(/cannot reach ClickHouse at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    } finally {
      await server.start();
    }
  });
});
