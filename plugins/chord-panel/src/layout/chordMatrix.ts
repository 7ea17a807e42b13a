import { type ChordGroup, type ChordPair } from '../data/otherGroup';

/** The square matrix d3-chord lays out: matrix[i][j] is the traffic from group i to group j. */
export interface ChordMatrix {
  matrix: number[][];
  /** Model pair index for each non-zero cell, keyed i * n + j. */
  pairAt: Map<number, number>;
}

export function buildChordMatrix(groups: ChordGroup[], pairs: ChordPair[]): ChordMatrix {
  const n = groups.length;
  const indexOf = new Map(groups.map((group, index) => [group.key, index]));
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const pairAt = new Map<number, number>();
  pairs.forEach((pair, pairIndex) => {
    const i = indexOf.get(pair.source);
    const j = indexOf.get(pair.target);
    if (i === undefined || j === undefined || !(pair.value > 0)) {
      return;
    }
    matrix[i]![j] = pair.value;
    pairAt.set(i * n + j, pairIndex);
  });
  return { matrix, pairAt };
}
