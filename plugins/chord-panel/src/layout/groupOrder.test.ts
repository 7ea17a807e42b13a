import { expect, test } from 'vitest';
import { group, otherGroup } from '../test/chordGroups';
import { type GroupSort } from '../types';
import { orderGroups } from './groupOrder';

const groups = [
  otherGroup(['x', 'y'], 1, 1),
  group('web/pod-10', 5, 5, 0),
  group('db/postgres', 30, 0, 1),
  group('web/pod-2', 5, 5, 2),
  group('Api', 1, 1, 3),
];

test.each<[GroupSort, string[]]>([
  ['name', ['Api', 'db/postgres', 'web/pod-2', 'web/pod-10', 'Other']],
  ['value', ['db/postgres', 'web/pod-2', 'web/pod-10', 'Api', 'Other']],
  ['data', ['web/pod-10', 'db/postgres', 'web/pod-2', 'Api', 'Other']],
])('sort by %s; Other last', (sort, names) => {
  expect(orderGroups(groups, sort).map((g) => g.name)).toEqual(names);
});

test('an unknown sort from old dashboard JSON sorts by name', () => {
  expect(orderGroups(groups, 'size' as GroupSort).map((g) => g.name)[0]).toBe('Api');
});
