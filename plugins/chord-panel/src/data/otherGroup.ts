import { addFlowValues } from './cellValues';
import { type FlowPair, type FlowRow, pairKey } from './flowPairs';

/** The key of the "Other" group: it can never equal a real name, which is never empty and holds no NUL. */
export const otherGroupKey = '\u0000other';

/** One arc of the chord: a named group, or "Other" holding every group beyond the top N. */
export interface ChordGroup {
  key: string;
  name: string;
  isOther: boolean;
  /** Names this group stands for: itself, or the groups merged into "Other" (largest first). */
  members: string[];
  outgoing: number;
  incoming: number;
  /** Position of the group's first appearance in the data, for the "data order" sort. */
  firstSeen: number;
}

/** A pair between groups (after "Other" merging); rows keep their original names. */
export interface ChordPair {
  source: string;
  target: string;
  value: number;
  rows: FlowRow[];
}

interface GroupTraffic {
  name: string;
  outgoing: number;
  incoming: number;
  firstSeen: number;
}

function trafficByGroup(pairs: FlowPair[]): GroupTraffic[] {
  const groups = new Map<string, GroupTraffic>();
  const touch = (name: string) => {
    let group = groups.get(name);
    if (!group) {
      group = { name, outgoing: 0, incoming: 0, firstSeen: groups.size };
      groups.set(name, group);
    }
    return group;
  };
  for (const pair of pairs) {
    const source = touch(pair.source);
    const target = touch(pair.target);
    source.outgoing = addFlowValues(source.outgoing, pair.value);
    target.incoming = addFlowValues(target.incoming, pair.value);
  }
  return [...groups.values()];
}

/**
 * Keeps the `topGroups` groups with the most traffic (outgoing + incoming; 0 keeps all) and merges the
 * rest into one "Other" group. A single leftover group keeps its name: an "Other" of one hides a name
 * and saves nothing.
 */
export function keepTopGroups(pairs: FlowPair[], topGroups: number): { groups: ChordGroup[]; pairs: ChordPair[] } {
  const traffic = trafficByGroup(pairs);
  const ranked = [...traffic].sort(
    (a, b) => addFlowValues(b.outgoing, b.incoming) - addFlowValues(a.outgoing, a.incoming) || a.firstSeen - b.firstSeen
  );
  const limit = Math.max(0, Math.floor(topGroups));
  const keep = limit > 0 && ranked.length > limit + 1 ? ranked.slice(0, limit) : ranked;
  const kept = new Set(keep.map((group) => group.name));
  const groupOf = (name: string) => (kept.has(name) ? name : otherGroupKey);

  const groups: ChordGroup[] = traffic
    .filter((group) => kept.has(group.name))
    .map((group) => ({ key: group.name, isOther: false, members: [group.name], ...group }));
  const merged = ranked.filter((group) => !kept.has(group.name));
  if (merged.length > 0) {
    groups.push({
      key: otherGroupKey,
      name: 'Other',
      isOther: true,
      members: merged.map((group) => group.name),
      outgoing: merged.reduce((sum, group) => addFlowValues(sum, group.outgoing), 0),
      incoming: merged.reduce((sum, group) => addFlowValues(sum, group.incoming), 0),
      firstSeen: traffic.length,
    });
  }

  const chordPairs = new Map<string, ChordPair>();
  for (const pair of pairs) {
    const source = groupOf(pair.source);
    const target = groupOf(pair.target);
    const key = pairKey(source, target);
    const existing = chordPairs.get(key);
    if (existing) {
      existing.value = addFlowValues(existing.value, pair.value);
      // A loop, not push(...rows): a pair can hold more rows than the engine allows as call arguments.
      for (const row of pair.rows) {
        existing.rows.push(row);
      }
    } else {
      chordPairs.set(key, { source, target, value: pair.value, rows: [...pair.rows] });
    }
  }
  return { groups, pairs: [...chordPairs.values()] };
}
