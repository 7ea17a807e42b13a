import { describe, expect, test } from 'vitest';
import { flowFrame } from '../test/flowFrames';
import { resolveFieldRoles, type FlowFields } from './fieldRoles';
import { collectFlowPairs, keepPairsAtLeast, largestRow } from './flowPairs';
import { noSkippedRows } from './skippedRows';

function fieldsOf(...tables: Parameters<typeof flowFrame>[0][]): FlowFields[] {
  const frames = tables.map(flowFrame);
  return frames.map((frame, index) => {
    const result = resolveFieldRoles(frame, index, frames, {});
    if (!result.ok) {
      throw new Error(result.problem);
    }
    return result.fields;
  });
}

describe('collectFlowPairs', () => {
  test('holds a sum past the largest double at it, not Infinity', () => {
    const pairs = collectFlowPairs(
      fieldsOf({ source: ['a', 'a', 'a'], target: ['b', 'b', 'b'], bytes: [1e308, 1e308, 1e308] }),
      true,
      noSkippedRows()
    );
    expect(pairs.map((pair) => pair.value)).toEqual([Number.MAX_VALUE]);
  });

  test('sums rows per pair across frames and keeps every row', () => {
    const skipped = noSkippedRows();
    const pairs = collectFlowPairs(
      fieldsOf(
        { source: ['a', 'a', 'b'], target: ['b', 'b', 'a'], bytes: [10, 5, 1] },
        { refId: 'B', source: ['a'], target: ['b'], bytes: [100] }
      ),
      true,
      skipped
    );
    expect(pairs.map(({ source, target, value }) => [source, target, value])).toEqual([
      ['a', 'b', 115],
      ['b', 'a', 1],
    ]);
    expect(pairs[0]!.rows.map(({ frame, row, value }) => [frame, row, value])).toEqual([
      [0, 0, 10],
      [0, 1, 5],
      [1, 0, 100],
    ]);
    expect(skipped).toEqual(noSkippedRows());
  });

  test.each([
    ['null value', { source: ['a'], target: ['b'], bytes: [null] }, { invalidValue: 1 }],
    ['NaN value', { source: ['a'], target: ['b'], bytes: [NaN] }, { invalidValue: 1 }],
    ['negative value', { source: ['a'], target: ['b'], bytes: [-1] }, { negativeValue: 1 }],
    ['null source', { source: [null], target: ['b'], bytes: [1] }, { missingEndpoint: 1 }],
    ['empty target', { source: ['a'], target: [''], bytes: [1] }, { missingEndpoint: 1 }],
  ])('skips and counts a row with %s', (_name, table, counts) => {
    const skipped = noSkippedRows();
    expect(collectFlowPairs(fieldsOf(table), true, skipped)).toEqual([]);
    expect(skipped).toEqual({ ...noSkippedRows(), ...counts });
  });

  test.each([
    [true, [['a', 'a', 3]], 0],
    [false, [], 1],
  ])('self-flows shown: %s', (selfFlows, expected, counted) => {
    const skipped = noSkippedRows();
    const pairs = collectFlowPairs(fieldsOf({ source: ['a'], target: ['a'], bytes: [3] }), selfFlows, skipped);
    expect(pairs.map(({ source, target, value }) => [source, target, value])).toEqual(expected);
    expect(skipped.selfFlow).toBe(counted);
  });
});

describe('keepPairsAtLeast', () => {
  const pairs = () =>
    collectFlowPairs(
      fieldsOf({ source: ['a', 'a', 'b', 'c'], target: ['b', 'b', 'c', 'a'], bytes: [4, 6, 9, 0] }),
      true,
      noSkippedRows()
    );

  test.each([
    [0, ['a→b', 'b→c'], 1],
    [9, ['a→b', 'b→c'], 1],
    [10, ['a→b'], 2],
    [11, [], 4],
  ])('minimum %s keeps %j and counts %s rows', (minValue, kept, counted) => {
    const skipped = noSkippedRows();
    const result = keepPairsAtLeast(pairs(), minValue, skipped);
    expect(result.map((pair) => `${pair.source}→${pair.target}`)).toEqual(kept);
    expect(skipped.belowMinimum).toBe(counted);
  });
});

test('largestRow picks the first of the largest rows', () => {
  const row = (value: number, index: number) => ({ frame: 0, row: index, source: 'a', target: 'b', value });
  expect(largestRow([row(1, 0), row(5, 1), row(5, 2)])).toEqual(row(5, 1));
  expect(largestRow([])).toBeUndefined();
});
