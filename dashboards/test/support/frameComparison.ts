import type { Frame } from '../../../plugins/flows-datasource/backend/src/frames/frame.ts';

/**
 * Two answers to one question are the same when their frames hold the same fields with the same
 * values; floating-point sums may differ in their last bits (a rollup adds the same shares in another
 * order), so numbers are equal within a relative 1e-9. Wide time series fields are matched by name
 * and labels, whatever their order.
 */
export function frameDifferences(expected: Frame[], actual: Frame[]): string[] {
  if (expected.length !== actual.length) {
    return [`${expected.length} frames expected, ${actual.length} returned`];
  }
  return expected.flatMap((frame, i) => fieldDifferences(frame, actual[i]!).map((text) => `frame ${i}: ${text}`));
}

function fieldKey(field: Frame['fields'][number]): string {
  return `${field.name}${JSON.stringify(field.labels ?? {})}`;
}

function fieldDifferences(expected: Frame, actual: Frame): string[] {
  const actualFields = new Map(actual.fields.map((field) => [fieldKey(field), field]));
  const expectedKeys = expected.fields.map(fieldKey);
  const missing = expectedKeys.filter((key) => !actualFields.has(key));
  const extra = [...actualFields.keys()].filter((key) => !expectedKeys.includes(key));
  if (missing.length > 0 || extra.length > 0) {
    return [`fields missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`];
  }
  const differences: string[] = [];
  for (const field of expected.fields) {
    const other = actualFields.get(fieldKey(field))!;
    if (field.kind !== other.kind) {
      differences.push(`${fieldKey(field)}: kind ${field.kind} expected, ${other.kind} returned`);
      continue;
    }
    const want = [...field.values].map(comparable);
    const got = [...other.values].map(comparable);
    if (want.length !== got.length) {
      differences.push(`${fieldKey(field)}: ${want.length} values expected, ${got.length} returned`);
      continue;
    }
    const row = want.findIndex((value, i) => !sameValue(value, got[i]));
    if (row >= 0) {
      differences.push(`${fieldKey(field)}[${row}]: ${String(want[row])} expected, ${String(got[row])} returned`);
    }
  }
  return differences;
}

function comparable(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}
