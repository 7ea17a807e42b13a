/**
 * Reading one cell as a group name or a flow value. Frames from SQL engines carry UInt64 counters as
 * numbers, bigints or decimal strings depending on the path, so all three are accepted.
 */

/** A group name, or undefined when the row has no endpoint (null or empty: e.g. traffic to an external IP). */
export function readEndpoint(cell: unknown): string | undefined {
  if (cell === null || cell === undefined) {
    return undefined;
  }
  const name = typeof cell === 'string' ? cell : String(cell);
  return name === '' ? undefined : name;
}

/**
 * The sum of two flow values, held at the largest double: every value read is finite, but a sum of
 * them can overflow to Infinity, which would make angles NaN and a tooltip read "Infinity".
 */
export function addFlowValues(a: number, b: number): number {
  return Math.min(Number.MAX_VALUE, a + b);
}

/** A finite number, or NaN for null, empty, non-numeric and infinite cells. */
export function readFlowValue(cell: unknown): number {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? cell : NaN;
  }
  if (typeof cell === 'bigint') {
    const converted = Number(cell);
    return Number.isFinite(converted) ? converted : NaN;
  }
  if (typeof cell === 'string' && cell.trim() !== '') {
    const parsed = Number(cell);
    return Number.isFinite(parsed) ? parsed : NaN;
  }
  return NaN;
}
