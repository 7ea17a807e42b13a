import { describe, expect, it } from 'vitest';
import { flowColumns, generateFlows, writeFlows, type FlowBatch, type FlowSink } from '../src/index.ts';
import { RowBinaryEncoder } from '../src/encoding/rowBinary.ts';
import { TabSeparatedEncoder } from '../src/encoding/tabSeparated.ts';
import { collectFlows, sha256 } from './helpers/collect.ts';

/** A sink of our own, through the public interface: records the bytes of every batch. */
function recordingSink(encoder: FlowSink['encoder']): FlowSink & { bytes(): Buffer } {
  const batches: Buffer[] = [];
  return {
    encoder,
    description: 'memory',
    preferredBatchRows: 5000,
    async write(batch: FlowBatch) {
      batches.push(Buffer.from(batch.bytes));
    },
    async close() {},
    bytes: () => Buffer.concat(batches),
  };
}

describe('same seed and options give the same bytes', () => {
  const options = { seed: 7, from: '2025-03-01T10:00:00Z', count: 10_000 };

  it.each(['ndjson', 'csv'] as const)('%s', async (format) => {
    const first = await collectFlows(format, options);
    const second = await collectFlows(format, options);
    expect(first.length).toBeGreaterThan(1_000_000);
    expect(sha256(second)).toBe(sha256(first));
    const other = await collectFlows(format, { ...options, seed: 8 });
    expect(sha256(other)).not.toBe(sha256(first));
  });

  it.each([
    ['TabSeparated', () => new TabSeparatedEncoder()],
    ['RowBinary', () => new RowBinaryEncoder()],
  ] as const)('%s, as sent to ClickHouse', async (_name, encoder) => {
    const run = async (seed: number) => {
      const sink = recordingSink(encoder());
      const result = await writeFlows(sink, { ...options, seed });
      expect(result.rows).toBe(options.count);
      return sha256(sink.bytes());
    };
    expect(await run(7)).toBe(await run(7));
    expect(await run(9)).not.toBe(await run(7));
  });

  it('count and time range select the same records', async () => {
    const byCount = (await collectFlows('ndjson', { seed: 3, count: 5_000 })).toString().trimEnd().split('\n');
    const last = JSON.parse(byCount.at(-1) as string) as { timeInserted: number };
    const byRange = (await collectFlows('ndjson', { seed: 3, to: last.timeInserted + 1 }))
      .toString()
      .trimEnd()
      .split('\n');
    expect(byRange.slice(0, byCount.length)).toEqual(byCount);
  });
});

describe('formats', () => {
  it('NDJSON has every column of the flows table, CSV a header naming them', async () => {
    const names = flowColumns.map((column) => column.name);
    const ndjson = (await collectFlows('ndjson', { count: 100 })).toString().trimEnd().split('\n');
    expect(ndjson).toHaveLength(100);
    for (const line of ndjson) {
      expect(Object.keys(JSON.parse(line) as object)).toEqual(names);
    }
    const csv = (await collectFlows('csv', { count: 100 })).toString().trimEnd().split('\n');
    expect(csv[0]).toBe(names.join(','));
    expect(csv).toHaveLength(101);
  });

  it('generateFlows gives objects with exactly the columns and values NDJSON has', async () => {
    const objects = [...generateFlows({ seed: 5, count: 500 })];
    const lines = (await collectFlows('ndjson', { seed: 5, count: 500 })).toString().trimEnd().split('\n');
    expect(objects.map((record) => JSON.stringify(record))).toEqual(lines);
  });
});
