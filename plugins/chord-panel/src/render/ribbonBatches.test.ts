import { expect, test } from 'vitest';
import { ribbonBatches } from './ribbonBatches';

test.each<[number, Array<[number, number]>]>([
  [0, []],
  [3, [[0, 3]]],
  [10, [[0, 10]]],
  [
    11,
    [
      [0, 10],
      [10, 11],
    ],
  ],
  [
    24,
    [
      [0, 10],
      [10, 15],
      [15, 20],
      [20, 24],
    ],
  ],
])('%s ribbons → %j', (count, batches) => {
  expect(ribbonBatches(count, { firstFrame: 10, perFrame: 5 })).toEqual(batches);
});

test('200 groups (≈ 8,000 ribbons) are drawn in the first frame', () => {
  expect(ribbonBatches(8_000)).toHaveLength(1);
  expect(ribbonBatches(20_000).length).toBeGreaterThan(1);
});
