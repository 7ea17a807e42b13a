import { describe, expect, test } from 'vitest';
import { type ArcSize, type RibbonMode } from '../types';
import { type ChordMatrix } from './chordMatrix';
import { padAngleFor, type RibbonEnd, ribbonAngles } from './ribbonAngles';

const names = ['a', 'b', 'c'];
// a→b 6, b→a 2, a→c 4, c→c 3; pair indexes 0..3 in that order.
const input: ChordMatrix = {
  matrix: [
    [0, 6, 4],
    [2, 0, 0],
    [0, 0, 3],
  ],
  pairAt: new Map([
    [0 * 3 + 1, 0],
    [1 * 3 + 0, 1],
    [0 * 3 + 2, 2],
    [2 * 3 + 2, 3],
  ]),
};

/**
 * A layout in value units: "a→b 6|tip [0] 6" draws pair 0, 6 wide at a and landing as a tip on b.
 * Undirected ribbons list the pair leaving their first end first.
 */
function summary(mode: RibbonMode, arcSize: ArcSize) {
  const { arcs, ribbons } = ribbonAngles(input, mode, arcSize, 0);
  const total = arcs.reduce((sum, arc) => sum + arc.endAngle - arc.startAngle, 0);
  const arcUnits = arcs.map((arc) => ((arc.endAngle - arc.startAngle) / (2 * Math.PI)) * unitsPerCircle(mode, arcSize));
  const width = (end: RibbonEnd) =>
    end.tip
      ? 'tip'
      : String(Math.round(((end.endAngle - end.startAngle) / (2 * Math.PI)) * unitsPerCircle(mode, arcSize)));
  return {
    circle: Math.round(total * 1000) / 1000,
    arcs: arcUnits.map((value) => Math.round(value)),
    ribbons: ribbons.map(
      (r) =>
        `${names[r.source.group]}${r.directed ? '→' : '–'}${names[r.target.group]} ${width(r.source)}|${width(r.target)} [${r.pairs.join(',')}] ${r.value}`
    ),
  };
}

/** The sum of arc sizes in value units for each mode, from the matrix above. */
function unitsPerCircle(mode: RibbonMode, arcSize: ArcSize): number {
  if (mode === 'directed' && arcSize === 'both') {
    return 30; // every flow counted at both ends; the self-flow c→c twice
  }
  if (mode === 'undirected' && arcSize === 'both') {
    return 27; // a–b 8 and a–c 4 at both ends, c→c once
  }
  return 15; // one end per flow
}

describe('ribbonAngles', () => {
  test.each<[RibbonMode, ArcSize, number[], string[]]>([
    ['directed', 'both', [12, 8, 10], ['a→b 6|6 [0] 6', 'a→c 4|4 [2] 4', 'b→a 2|2 [1] 2', 'c→c 3|3 [3] 3']],
    ['directed', 'outgoing', [10, 2, 3], ['a→b 6|tip [0] 6', 'b→a 2|tip [1] 2', 'a→c 4|tip [2] 4', 'c–c 3|3 [3] 3']],
    ['directed', 'incoming', [2, 6, 7], ['b→a tip|2 [1] 2', 'a→b tip|6 [0] 6', 'a→c tip|4 [2] 4', 'c–c 3|3 [3] 3']],
    ['undirected', 'both', [12, 8, 7], ['a–b 8|8 [0,1] 8', 'a–c 4|4 [2] 4', 'c–c 3|3 [3] 3']],
    ['undirected', 'outgoing', [10, 2, 3], ['a–b 6|2 [0,1] 8', 'a–c 4|0 [2] 4', 'c–c 3|3 [3] 3']],
    ['undirected', 'incoming', [2, 6, 7], ['b–a 6|2 [1,0] 8', 'c–a 4|0 [2] 4', 'c–c 3|3 [3] 3']],
  ])('%s, arcs sized by %s', (mode, arcSize, arcs, ribbons) => {
    const result = summary(mode, arcSize);
    expect(result.circle).toBeCloseTo(2 * Math.PI, 3);
    expect(result.arcs).toEqual(arcs);
    expect([...result.ribbons].sort()).toEqual([...ribbons].sort());
  });

  test('a tip lands inside its arc, where the reverse flow sits', () => {
    const { arcs, ribbons } = ribbonAngles(input, 'directed', 'outgoing', 0);
    for (const ribbon of ribbons) {
      for (const end of [ribbon.source, ribbon.target]) {
        const arc = arcs[end.group]!;
        expect(end.startAngle).toBeGreaterThanOrEqual(arc.startAngle - 1e-9);
        expect(end.endAngle).toBeLessThanOrEqual(arc.endAngle + 1e-9);
      }
    }
  });

  test('pads between arcs', () => {
    const pad = 0.04;
    const { arcs } = ribbonAngles(input, 'directed', 'both', pad);
    expect(arcs[1]!.startAngle - arcs[0]!.endAngle).toBeCloseTo(pad);
    expect(arcs[2]!.startAngle - arcs[1]!.endAngle).toBeCloseTo(pad);
  });

  test.each([
    [1, 0.04],
    [10, 0.04],
    [100, (0.15 * 2 * Math.PI) / 100],
    [500, (0.15 * 2 * Math.PI) / 500],
  ])('padAngleFor(%s) = %s', (groups, pad) => {
    expect(padAngleFor(groups)).toBeCloseTo(pad, 6);
  });

  test('one group with only a self-flow fills the circle', () => {
    const { arcs, ribbons } = ribbonAngles({ matrix: [[5]], pairAt: new Map([[0, 0]]) }, 'directed', 'both', 0.04);
    expect(arcs[0]!.endAngle - arcs[0]!.startAngle).toBeCloseTo(2 * Math.PI - 0.04);
    expect(ribbons).toHaveLength(1);
  });

  // Found by the property test: d3-chord's scale (circle / total) overflowed to Infinity for 5e-324.
  test.each<[string, number[][]]>([
    ['a denormal self-flow', [[5e-324]]],
    [
      'denormal flows',
      [
        [0, 5e-324],
        [1e-323, 0],
      ],
    ],
    [
      'flows near the largest double',
      [
        [0, Number.MAX_VALUE],
        [Number.MAX_VALUE / 2, 0],
      ],
    ],
  ])('%s: finite arcs in proportion that fill the circle', (_, matrix) => {
    const pairAt = new Map<number, number>();
    const pairValues: number[] = [];
    matrix.forEach((row, i) =>
      row.forEach((value, j) => {
        if (value > 0) {
          pairAt.set(i * row.length + j, pairValues.length);
          pairValues.push(value);
        }
      })
    );
    for (const [mode, arcSize] of [
      ['directed', 'both'],
      ['directed', 'outgoing'],
      ['undirected', 'both'],
      ['undirected', 'incoming'],
    ] as Array<[RibbonMode, ArcSize]>) {
      const { arcs, ribbons } = ribbonAngles({ matrix, pairAt }, mode, arcSize, 0.04);
      const spans = arcs.map((arc) => arc.endAngle - arc.startAngle);
      expect(spans.every(Number.isFinite)).toBe(true);
      expect(spans.reduce((sum, span) => sum + span, 0)).toBeCloseTo(2 * Math.PI - 0.04 * matrix.length, 6);
      expect(ribbons.length).toBeGreaterThan(0);
      // Ribbons keep the flows' own values, not the proportions the layout used (a sum past the
      // largest double held at it).
      for (const ribbon of ribbons) {
        const sum = ribbon.pairs.reduce((total, pair) => total + pairValues[pair]!, 0);
        expect(ribbon.value).toBe(Math.min(Number.MAX_VALUE, sum));
      }
    }
    if (matrix.length === 2) {
      // Outgoing sizes: the first group sends twice (or half) what the second does.
      const { arcs } = ribbonAngles({ matrix, pairAt }, 'directed', 'outgoing', 0);
      const ratio = (arcs[0]!.endAngle - arcs[0]!.startAngle) / (arcs[1]!.endAngle - arcs[1]!.startAngle);
      expect(ratio).toBeCloseTo(matrix[0]![1]! / matrix[1]![0]!, 6);
    }
  });
});
