import { describe, expect, test } from 'vitest';
import { type FlowPair } from './flowPairs';
import { keepTopGroups, otherGroupKey } from './otherGroup';

const pair = (source: string, target: string, value: number): FlowPair => ({
  source,
  target,
  value,
  rows: [{ frame: 0, row: 0, source, target, value }],
});

// a: 100+10 = 110, b: 100+1 = 101, c: 10+5 = 15, d: 5+2 = 7, e: 1+2 = 3
const pairs = [pair('a', 'b', 100), pair('c', 'a', 10), pair('b', 'e', 1), pair('d', 'c', 5), pair('e', 'd', 2)];

describe('keepTopGroups', () => {
  test('totals and merged pairs past the largest double are held at it, and still rank', () => {
    const max = Number.MAX_VALUE;
    const result = keepTopGroups([pair('a', 'b', max), pair('b', 'a', max), pair('c', 'd', max), pair('d', 'e', 1)], 1);
    const totals = result.groups.map((group) => [group.key, group.outgoing, group.incoming]);
    expect(totals).toEqual([
      ['a', max, max],
      [otherGroupKey, max, max],
    ]);
    expect(result.pairs.map((p) => p.value)).toEqual([max, max, max]);
  });

  test.each([
    [0, ['a', 'b', 'c', 'd', 'e'], []],
    [5, ['a', 'b', 'c', 'd', 'e'], []],
    [4, ['a', 'b', 'c', 'd', 'e'], []],
    [3, ['a', 'b', 'c', otherGroupKey], ['d', 'e']],
    [1, ['a', otherGroupKey], ['b', 'c', 'd', 'e']],
  ])('top %s keeps %j; Other holds %j', (top, keys, members) => {
    const result = keepTopGroups(pairs, top);
    expect(result.groups.map((group) => group.key).sort()).toEqual([...keys].sort());
    const other = result.groups.find((group) => group.isOther);
    expect(other?.members ?? []).toEqual(members);
  });

  test('merges pairs into Other, summing values and keeping the original rows', () => {
    const result = keepTopGroups(pairs, 2);
    const rows = (key: string) => result.pairs.find((p) => `${p.source}→${p.target}` === key);
    expect(result.pairs.map((p) => [p.source, p.target, p.value])).toEqual([
      ['a', 'b', 100],
      [otherGroupKey, 'a', 10],
      ['b', otherGroupKey, 1],
      [otherGroupKey, otherGroupKey, 7],
    ]);
    expect(rows(`${otherGroupKey}→${otherGroupKey}`)!.rows.map((r) => `${r.source}→${r.target}`)).toEqual([
      'd→c',
      'e→d',
    ]);
    const other = result.groups.find((group) => group.isOther)!;
    // c→a 10 + d→c 5 + e→d 2 leave Other's members; b→e 1 + d→c 5 + e→d 2 enter them.
    expect(other).toMatchObject({ name: 'Other', outgoing: 17, incoming: 8 });
  });

  test('totals count outgoing and incoming traffic; ties go to the group seen first', () => {
    const result = keepTopGroups([pair('x', 'y', 1), pair('z', 'w', 1)], 2);
    expect(result.groups.filter((g) => !g.isOther).map((g) => g.key)).toEqual(['x', 'y']);
    expect(result.groups.find((g) => g.key === 'x')).toMatchObject({ outgoing: 1, incoming: 0, firstSeen: 0 });
  });

  test('a real group called "Other" stays apart from the Other bucket', () => {
    const result = keepTopGroups([pair('Other', 'a', 10), pair('b', 'c', 1), pair('d', 'e', 1)], 2);
    expect(result.groups.map((g) => [g.key, g.isOther])).toEqual([
      ['Other', false],
      ['a', false],
      [otherGroupKey, true],
    ]);
  });
});
