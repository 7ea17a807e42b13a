import { type ColorPick } from '../types';
import { type FlowFields } from './fieldRoles';
import { type FlowRow } from './flowPairs';

function colorCell(row: FlowRow, frames: FlowFields[]): unknown {
  const field = frames[row.frame]?.color;
  const cell = field?.values[row.row];
  return cell === '' ? null : cell;
}

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

/**
 * The row whose colour-field value colours a ribbon made of several rows. Rows without a colour value
 * (no colour field in their frame, or null) have no say; undefined when no row has one.
 */
export function pickColorRow(rows: FlowRow[], frames: FlowFields[], pick: ColorPick): FlowRow | undefined {
  let chosen: FlowRow | undefined;
  let chosenCell: unknown;
  if (pick === 'dominant') {
    const shares = new Map<string, { row: FlowRow; value: number }>();
    for (const row of rows) {
      const cell = colorCell(row, frames);
      if (cell === null || cell === undefined) {
        continue;
      }
      const key = String(cell);
      const share = shares.get(key);
      if (share) {
        share.value += row.value;
      } else {
        shares.set(key, { row, value: row.value });
      }
    }
    let best = -1;
    for (const share of shares.values()) {
      if (share.value > best) {
        best = share.value;
        chosen = share.row;
      }
    }
    return chosen;
  }
  const direction = pick === 'highest' ? 1 : -1;
  for (const row of rows) {
    const cell = colorCell(row, frames);
    if (cell === null || cell === undefined) {
      continue;
    }
    if (chosen === undefined || direction * compareCells(cell, chosenCell) > 0) {
      chosen = row;
      chosenCell = cell;
    }
  }
  return chosen;
}
