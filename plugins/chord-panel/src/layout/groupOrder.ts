import { type ChordGroup } from '../data/otherGroup';
import { type GroupSort } from '../types';

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Arcs clockwise from 12 o'clock. Sorting by name keeps "namespace/pod" groups of one namespace side by
 * side; "Other" always closes the circle so it never splits a namespace.
 */
export function orderGroups(groups: ChordGroup[], sort: GroupSort): ChordGroup[] {
  const named = groups.filter((group) => !group.isOther);
  const other = groups.filter((group) => group.isOther);
  const total = (group: ChordGroup) => group.outgoing + group.incoming;
  const compare: Record<GroupSort, (a: ChordGroup, b: ChordGroup) => number> = {
    name: (a, b) => byName.compare(a.name, b.name) || a.firstSeen - b.firstSeen,
    value: (a, b) => total(b) - total(a) || byName.compare(a.name, b.name),
    data: (a, b) => a.firstSeen - b.firstSeen,
  };
  return [...named.sort(compare[sort] ?? compare.name), ...other];
}
