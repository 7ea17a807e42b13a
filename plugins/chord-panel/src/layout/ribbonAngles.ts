import { type ChordSubgroup, type Chords, chord, chordDirected, chordTranspose } from 'd3-chord';
import { addFlowValues } from '../data/cellValues';
import { type ArcSize, type RibbonMode } from '../types';
import { type ChordMatrix } from './chordMatrix';

/** Angles in radians, clockwise from 12 o'clock, as d3-chord gives them. */
export interface AngleSpan {
  startAngle: number;
  endAngle: number;
}

export interface RibbonEnd extends AngleSpan {
  /** Index of the group (arc) this end touches. */
  group: number;
  /**
   * A tip takes no room on its arc: in a directed chord sized by outgoing (or incoming) traffic only the
   * sized end has width; the other end is a point where the arrow lands.
   */
  tip: boolean;
}

export interface RibbonAngles {
  source: RibbonEnd;
  target: RibbonEnd;
  /** Model pair indexes drawn by this ribbon: one for directed ribbons, one or two for undirected ones. */
  pairs: number[];
  value: number;
  /** Whether the ribbon points from source to target (an arrow head may be drawn at the target). */
  directed: boolean;
}

export interface ChordAngles {
  arcs: AngleSpan[];
  ribbons: RibbonAngles[];
}

/** Gaps between arcs: visible for a few groups, at most 15 % of the circle for hundreds. */
export function padAngleFor(groupCount: number): number {
  return Math.min(0.04, (0.15 * 2 * Math.PI) / Math.max(1, groupCount));
}

const end = (subgroup: ChordSubgroup, tip = false): RibbonEnd => ({
  group: subgroup.index,
  startAngle: subgroup.startAngle,
  endAngle: subgroup.endAngle,
  tip,
});

const tipOf = (subgroup: ChordSubgroup): RibbonEnd => {
  const middle = (subgroup.startAngle + subgroup.endAngle) / 2;
  return { group: subgroup.index, startAngle: middle, endAngle: middle, tip: true };
};

/**
 * The matrix divided by its largest value. d3-chord multiplies each value by (circle − padding) / total,
 * which overflows to Infinity for a denormal total and collapses to 0 when the total overflows; angles
 * need only proportions, so values of at most 1 keep both in range. Dividing (not multiplying by
 * 1 / largest) keeps even denormal values finite. A value more than ~1e-308 of the largest becomes 0 and
 * its chord is left out: it would be drawn zero wide anyway. Values past the largest double count as it.
 */
function toProportions(matrix: number[][]): number[][] {
  const held = matrix.map((row) => row.map((value) => Math.min(value, Number.MAX_VALUE)));
  const found = held.reduce((most, row) => row.reduce((rowMost, value) => Math.max(rowMost, value), most), 0);
  const largest = found > 0 ? found : 1;
  return held.map((row) => row.map((value) => value / largest));
}

function symmetric(matrix: number[][]): number[][] {
  return matrix.map((row, i) => row.map((value, j) => (i === j ? value : value + matrix[j]![i]!)));
}

/**
 * Arc and ribbon angles for every mode, all from d3-chord:
 * - directed, both: chordDirected — each ribbon has the flow's width at both ends;
 * - directed, outgoing / incoming: chord / chordTranspose size each arc by one direction, so a ribbon is
 *   wide at its sized end and a tip at the other, landing where the reverse flow would sit;
 * - undirected: one ribbon per pair of groups whose ends are sized by outgoing (chord), incoming
 *   (chordTranspose) or both directions together (chord of the symmetric matrix).
 */
export function ribbonAngles(
  { matrix, pairAt }: ChordMatrix,
  mode: RibbonMode,
  arcSize: ArcSize,
  padAngle: number
): ChordAngles {
  const n = matrix.length;
  const pairOf = (i: number, j: number) => pairAt.get(i * n + j);
  const valueOf = (i: number, j: number) => matrix[i]![j]!;
  const pairsBetween = (a: number, b: number) =>
    (a === b ? [pairOf(a, a)] : [pairOf(a, b), pairOf(b, a)]).filter((pair): pair is number => pair !== undefined);

  const layout =
    mode === 'directed' && arcSize === 'both' ? chordDirected() : arcSize === 'incoming' ? chordTranspose() : chord();
  const proportions = toProportions(matrix);
  const input = mode === 'undirected' && arcSize === 'both' ? symmetric(proportions) : proportions;
  const chords: Chords = layout.padAngle(padAngle)(input);
  const arcs = chords.groups.map((group) => ({ startAngle: group.startAngle, endAngle: group.endAngle }));
  const ribbons: RibbonAngles[] = [];

  for (const { source, target } of chords) {
    const a = source.index;
    const b = target.index;
    if (mode === 'undirected') {
      const value = a === b ? valueOf(a, a) : addFlowValues(valueOf(a, b), valueOf(b, a));
      ribbons.push({ source: end(source), target: end(target), pairs: pairsBetween(a, b), value, directed: false });
      continue;
    }
    if (arcSize === 'both') {
      const pair = pairOf(a, b);
      if (pair !== undefined) {
        ribbons.push({ source: end(source), target: end(target), pairs: [pair], value: valueOf(a, b), directed: true });
      }
      continue;
    }
    // chord / chordTranspose return one chord per pair of groups; split it into its two directions.
    if (a === b) {
      const pair = pairOf(a, a);
      if (pair !== undefined) {
        ribbons.push({
          source: end(source),
          target: end(target),
          pairs: [pair],
          value: valueOf(a, a),
          directed: false,
        });
      }
      continue;
    }
    for (const [here, there] of [
      [source, target],
      [target, source],
    ] as const) {
      // Outgoing: `here` is the flow leaving here.index. Incoming (transposed): the flow arriving there.
      const from = arcSize === 'outgoing' ? here.index : there.index;
      const to = arcSize === 'outgoing' ? there.index : here.index;
      const pair = pairOf(from, to);
      if (pair === undefined || !(valueOf(from, to) > 0)) {
        continue;
      }
      const sized = end(here);
      const point = tipOf(there);
      ribbons.push({
        source: arcSize === 'outgoing' ? sized : point,
        target: arcSize === 'outgoing' ? point : sized,
        pairs: [pair],
        value: valueOf(from, to),
        directed: true,
      });
    }
  }
  return { arcs, ribbons };
}
