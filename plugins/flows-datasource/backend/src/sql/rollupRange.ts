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

/** splitRange for a query's time range in milliseconds: its first and last whole second, both included. */
export function splitTimeRange(
  range: { fromMs: number; toMs: number },
  coveredFrom: number
): { minutes: Span; edges: Span[] } {
  return splitRange(Math.floor(range.fromMs / 1000), Math.floor(range.toMs / 1000), coveredFrom);
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

/**
 * How a throughput over the range ($__rangeShare) splits: the whole minutes whose spread bytes the
 * rollup holds, and for the raw records the share of each that lies in [from, first whole minute) or
 * [last whole minute's end, to], the same cases as $__rangeShare restricted to those edges. Only records
 * that reach an edge (`reachesEdges`) have such a share: one wholly inside the whole minutes is all in
 * the rollup. Undefined when the range holds no whole minute the rollup covers.
 */
export function rateSplit(
  fromMs: number,
  toMs: number,
  coveredFrom: number,
  exportInterval: number
): { minutes: Span; edgeShare: string; reachesEdges: string } | undefined {
  const from = fromMs / 1000;
  const to = toMs / 1000;
  const first = Math.max(Math.ceil(from / minuteSeconds), Math.ceil(coveredFrom / minuteSeconds)) * minuteSeconds;
  const end = Math.floor(to / minuteSeconds) * minuteSeconds;
  if (end <= first) return undefined;
  const ends = 'toFloat64(flowEndSeconds)';
  const coverStart = `greatest(toFloat64(flowStartSeconds), ${ends} - ${exportInterval})`;
  const overlap = (start: number, stop: number) =>
    `greatest(0, least(${ends}, ${stop}) - greatest(${coverStart}, ${start}))`;
  // nullIf keeps the result type of $__rangeShare.
  const edgeShare = `CASE WHEN ${ends} <= ${coverStart} THEN CASE WHEN ${ends} >= ${from} AND ${ends} <= ${to} AND (${ends} < ${first} OR ${ends} >= ${end}) THEN 1 ELSE 0 END ELSE (${overlap(from, first)} + ${overlap(end, to)}) / nullIf(${ends} - ${coverStart}, 0) END`;
  const reachesEdges = `(least(${coverStart}, ${ends}) < ${first} OR ${ends} >= ${end})`;
  return { minutes: { from: first, to: end }, edgeShare, reachesEdges };
}
