/**
 * What the backend's frame says a panel should show: the bytes per name of a column, summed over rows
 * the way both panels sum repeated pairs.
 */
import { type BackendPanel, columnOf } from '../backend/backendPanels.ts';

export function bytesPerName(panel: BackendPanel, nameField: string, valueField = 'bytes'): Map<string, number> {
  const names = columnOf(panel, nameField);
  const values = columnOf(panel, valueField);
  const totals = new Map<string, number>();
  names.forEach((name, row) => {
    totals.set(String(name), (totals.get(String(name)) ?? 0) + Number(values[row]));
  });
  return totals;
}

/** Names by their bytes, largest first. */
export function largestNames(totals: Map<string, number>): string[] {
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

/** The distinct names a source name sends to in the backend's rows. */
export function targetsOf(panel: BackendPanel, sourceField: string, targetField: string, source: string): Set<string> {
  const sources = columnOf(panel, sourceField);
  const targets = columnOf(panel, targetField);
  return new Set(targets.filter((_, row) => sources[row] === source).map(String));
}
