import { type ChordGroup, type ChordPair, otherGroupKey } from '../data/otherGroup';

/** A group as keepTopGroups makes it, for layout tests that start after the data step. */
export function group(name: string, outgoing: number, incoming: number, firstSeen: number): ChordGroup {
  return { key: name, name, isOther: false, members: [name], outgoing, incoming, firstSeen };
}

export function otherGroup(members: string[], outgoing: number, incoming: number): ChordGroup {
  return { key: otherGroupKey, name: 'Other', isOther: true, members, outgoing, incoming, firstSeen: 99 };
}

export function chordPair(source: string, target: string, value: number): ChordPair {
  return { source, target, value, rows: [{ frame: 0, row: 0, source, target, value }] };
}
