import { expect, test } from 'vitest';
import { chordPair, group } from '../test/chordGroups';
import { buildChordMatrix } from './chordMatrix';

test('rows are sources, columns targets, in group order; unknown groups and empty pairs are left out', () => {
  const groups = [group('b', 0, 0, 0), group('a', 0, 0, 1)];
  const { matrix, pairAt } = buildChordMatrix(groups, [
    chordPair('a', 'b', 5),
    chordPair('b', 'b', 2),
    chordPair('a', 'zzz', 9),
    chordPair('b', 'a', 0),
  ]);
  expect(matrix).toEqual([
    [2, 0],
    [5, 0],
  ]);
  expect([...pairAt.entries()]).toEqual([
    [1 * 2 + 0, 0],
    [0, 1],
  ]);
});
