/**
 * How a range of record ends splits between a per-minute rollup and the raw records: the whole
 * minutes the rollup holds, and the seconds around them (docs/rollups.md, "Why the answers are the same").
 */
export const minuteSeconds = 60;

/** [from, to) in whole epoch seconds. */
export interface Span {
  from: number;
  to: number;
}

/** The whole minutes inside [fromSecond, toSecond] (both ends included) that the rollup holds, and the rest. */
export function splitRange(
  fromSecond: number,
  toSecond: number,
  coveredFrom: number
): { minutes: Span; edges: Span[] } {
  const first = Math.max(Math.ceil(fromSecond / minuteSeconds), Math.ceil(coveredFrom / minuteSeconds)) * minuteSeconds;
  const end = Math.floor((toSecond + 1) / minuteSeconds) * minuteSeconds;
  const edges = [
    { from: fromSecond, to: first },
    { from: end, to: toSecond + 1 },
  ].filter((span) => span.to > span.from);
  return { minutes: { from: first, to: end }, edges };
}

/** Raw records that end in one of `edges` (ClickHouse). */
export function endsIn(edges: Span[]): string {
  const spans = edges.map(
    (span) => `(flowEndSeconds >= toDateTime(${span.from}) AND flowEndSeconds < toDateTime(${span.to}))`
  );
  return spans.length === 1 ? spans[0]! : `(${spans.join(' OR ')})`;
}

/** Rollup rows of the records that end in the whole `minutes` (rows that only hold spread bytes of records ending later are not). */
export function endMinutesIn(minutes: Span): string[] {
  return [`minute >= toDateTime(${minutes.from})`, `minute < toDateTime(${minutes.to})`, 'flowRecords > 0'];
}
