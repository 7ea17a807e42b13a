import type { SkippedValues } from './types';

/**
 * A usable link size, or which kind of bad value it was. Databases hand UInt64 counters over as
 * numbers, bigints or numeric strings depending on the path; all of them are sizes.
 */
export function sampleValue(raw: unknown): number | keyof Pick<SkippedValues, 'null' | 'nan' | 'negative'> {
  if (raw === null || raw === undefined) {
    return 'null';
  }
  const value =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'bigint'
        ? Number(raw)
        : typeof raw === 'string' && raw.trim() !== ''
          ? Number(raw)
          : NaN;
  if (!Number.isFinite(value)) {
    return 'nan';
  }
  return value < 0 ? 'negative' : value;
}

export function noneSkipped(): SkippedValues {
  return { null: 0, nan: 0, negative: 0, zero: 0, unnamed: 0 };
}
