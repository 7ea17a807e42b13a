import { addFlowValues, readEndpoint, readFlowValue } from './cellValues';
import { type FlowFields } from './fieldRoles';
import { type SkippedRows } from './skippedRows';

/** One row of the query result that made it into the chord, with the names it had before any "Other". */
export interface FlowRow {
  /** Index into the list of resolved frames (FlowFields), so fields, display processors and links can be found. */
  frame: number;
  row: number;
  source: string;
  target: string;
  value: number;
}

/** All rows from one source to one target: the value is their sum, the rows stay listed for the tooltip. */
export interface FlowPair {
  source: string;
  target: string;
  value: number;
  rows: FlowRow[];
}

export const pairKey = (source: string, target: string) => `${source}\u0000${target}`;

/** Sums rows per (source, target) across all frames, in order of first appearance; invalid rows are counted, not drawn. */
export function collectFlowPairs(frames: FlowFields[], selfFlows: boolean, skipped: SkippedRows): FlowPair[] {
  const pairs = new Map<string, FlowPair>();
  frames.forEach((fields, frame) => {
    const sources = fields.source.values;
    const targets = fields.target.values;
    const values = fields.value.values;
    for (let row = 0; row < fields.frame.length; row++) {
      const value = readFlowValue(values[row]);
      if (Number.isNaN(value)) {
        skipped.invalidValue++;
        continue;
      }
      if (value < 0) {
        skipped.negativeValue++;
        continue;
      }
      const source = readEndpoint(sources[row]);
      const target = readEndpoint(targets[row]);
      if (source === undefined || target === undefined) {
        skipped.missingEndpoint++;
        continue;
      }
      if (!selfFlows && source === target) {
        skipped.selfFlow++;
        continue;
      }
      const key = pairKey(source, target);
      let pair = pairs.get(key);
      if (!pair) {
        pair = { source, target, value: 0, rows: [] };
        pairs.set(key, pair);
      }
      pair.value = addFlowValues(pair.value, value);
      pair.rows.push({ frame, row, source, target, value });
    }
  });
  return [...pairs.values()];
}

/** Drops pairs whose total is below the minimum, and pairs totalling zero, which have no width to draw. */
export function keepPairsAtLeast(pairs: FlowPair[], minValue: number, skipped: SkippedRows): FlowPair[] {
  return pairs.filter((pair) => {
    const keep = pair.value > 0 && pair.value >= minValue;
    if (!keep) {
      skipped.belowMinimum += pair.rows.length;
    }
    return keep;
  });
}

/** The row a click on a ribbon takes its data links from: the largest flow, as the one most worth following. */
export function largestRow(rows: FlowRow[]): FlowRow | undefined {
  let largest: FlowRow | undefined;
  for (const row of rows) {
    if (!largest || row.value > largest.value) {
      largest = row;
    }
  }
  return largest;
}
