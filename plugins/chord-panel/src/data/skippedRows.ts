/** Rows the chord could not or was asked not to draw, counted so the panel can say why totals differ. */
export interface SkippedRows {
  /** Value null, NaN, infinite or not a number. */
  invalidValue: number;
  negativeValue: number;
  /** Source or target null or empty. */
  missingEndpoint: number;
  /** Source equals target while self-flows are hidden. */
  selfFlow: number;
  /** Rows of pairs whose total is below the minimum value, or zero. */
  belowMinimum: number;
}

export const noSkippedRows = (): SkippedRows => ({
  invalidValue: 0,
  negativeValue: 0,
  missingEndpoint: 0,
  selfFlow: 0,
  belowMinimum: 0,
});

export function skippedTotal(skipped: SkippedRows): number {
  return (
    skipped.invalidValue + skipped.negativeValue + skipped.missingEndpoint + skipped.selfFlow + skipped.belowMinimum
  );
}

/** One line per non-zero reason, in the words the panel shows. */
export function describeSkipped(skipped: SkippedRows): string[] {
  const lines: Array<[number, string]> = [
    [skipped.invalidValue, 'without a numeric value (null, NaN or text)'],
    [skipped.negativeValue, 'with a negative value'],
    [skipped.missingEndpoint, 'without a source or target name'],
    [skipped.selfFlow, 'from a group to itself (self-flows are hidden)'],
    [skipped.belowMinimum, 'in pairs below the minimum value or totalling zero'],
  ];
  return lines
    .filter(([count]) => count > 0)
    .map(([count, reason]) => `${count} ${count === 1 ? 'row' : 'rows'} ${reason}`);
}
