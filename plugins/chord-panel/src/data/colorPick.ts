import { type ColorPick } from '../types';
import { addFlowValues } from './cellValues';
import { type FlowFields } from './fieldRoles';
import { type FlowRow } from './flowPairs';

function colorCell(row: FlowRow, frames: FlowFields[]): unknown {
  const field = frames[row.frame]?.color;
  const cell = field?.values[row.row];
  return cell === '' ? null : cell;
}

const hasColor = (cell: unknown) => cell !== null && cell !== undefined;

/** Numbers compare as numbers (rule action 3 > 2 > 1), anything else as text; numbers sort before text. */
function compareCells(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  if (typeof a === 'number') {
    return -1;
  }
  if (typeof b === 'number') {
    return 1;
  }
  return String(a).localeCompare(String(b));
}

/** The rows of one colour-field value: their summed value, and the first of them to look the value up by. */
export interface ColorShare {
  cell: unknown;
  row: FlowRow;
  value: number;
}

/**
 * A ribbon's rows by colour-field value, in value order (None, Allow, Drop, Reject); rows without a
 * colour value come last as one share with an undefined cell.
 */
export function colorShares(rows: FlowRow[], frames: FlowFields[]): ColorShare[] {
  const shares = new Map<string, ColorShare>();
  for (const row of rows) {
    const cell = colorCell(row, frames);
    const key = hasColor(cell) ? `${typeof cell}:${String(cell)}` : 'none';
    const share = shares.get(key);
    if (share) {
      share.value = addFlowValues(share.value, row.value);
    } else {
      shares.set(key, { cell: hasColor(cell) ? cell : undefined, row, value: row.value });
    }
  }
  return [...shares.values()].sort((a, b) => {
    if (!hasColor(a.cell) || !hasColor(b.cell)) {
      return Number(!hasColor(a.cell)) - Number(!hasColor(b.cell));
    }
    return compareCells(a.cell, b.cell);
  });
}

/**
 * The row whose colour-field value colours a whole ribbon made of several rows (every pick but
 * "split"). Rows without a colour value have no say; undefined when no row has one.
 */
export function pickColorRow(rows: FlowRow[], frames: FlowFields[], pick: ColorPick): FlowRow | undefined {
  const shares = colorShares(rows, frames).filter((share) => hasColor(share.cell));
  if (shares.length === 0) {
    return undefined;
  }
  if (pick === 'lowest') {
    return shares[0]!.row;
  }
  if (pick === 'dominant') {
    return shares.reduce((best, share) => (share.value > best.value ? share : best)).row;
  }
  return shares[shares.length - 1]!.row;
}
