import type { Filter } from '../sql/conditions.ts';
import type { Dialect } from '../sql/dialect.ts';
import { defaultExportIntervalSeconds } from '../sql/flowRates.ts';
import { filterConditions, unanswerableBy, type Rollup } from '../sql/rollup.ts';
import { connectionIdRows } from '../sql/rollupQuery.ts';
import { endMinutesIn, endsIn, rateSplit, splitTimeRange, type Span } from '../sql/rollupRange.ts';
import type { TimeRange } from '../timeRange.ts';
import type { ServiceMapOptions } from './serviceMapOptions.ts';
import { serviceMapColumns, serviceMapGroups } from './serviceMapSql.ts';

/**
 * Where a service map's traffic is read: a rollup's whole minutes and the raw records of the seconds
 * around them, split one way for the counts of records ending in the range and another for the
 * throughput over it (rollupRange.ts).
 */
export interface ServiceMapRollup {
  rollup: Rollup;
  counts: { minutes: Span; edges: Span[] };
  rate: NonNullable<ReturnType<typeof rateSplit>>;
}

/**
 * The rollup that answers a map exactly, if any: one that keeps connection ids, the pods' labels when
 * nodes are workloads (a rollup made before them does not), and every filter's column; whose
 * throughput was spread with the datasource's export interval; and with a whole minute in the range.
 */
export function serviceMapRollup(
  rollups: readonly Rollup[],
  options: ServiceMapOptions,
  adHocFilters: Filter[],
  request: { timeRange: TimeRange; exportIntervalSeconds?: number }
): ServiceMapRollup | undefined {
  const exportInterval = request.exportIntervalSeconds ?? defaultExportIntervalSeconds;
  const labels = options.groupBy === 'workload' ? ['sourcePodLabels', 'destinationPodLabels'] : [];
  const { fromMs, toMs } = request.timeRange;
  for (const rollup of rollups) {
    if (
      !rollup.connectionIds ||
      rollup.exportIntervalSeconds !== exportInterval ||
      labels.some((column) => !rollup.columns.has(column)) ||
      unanswerableBy({ filters: options.filters, adHocFilters }, rollup)
    ) {
      continue;
    }
    const counts = splitTimeRange(request.timeRange, rollup.coveredFromSeconds);
    const rate = rateSplit(fromMs, toMs, rollup.coveredFromSeconds, exportInterval);
    if (counts.minutes.to > counts.minutes.from && rate) return { rollup, counts, rate };
  }
  return undefined;
}

const minuteIn = (span: Span) => `minute >= toDateTime(${span.from}) AND minute < toDateTime(${span.to})`;

/**
 * The map's rows from a rollup, with the columns of serviceMapSql and the same answer (docs/rollups.md):
 *
 * - Bytes and flow records: the rollup's end-minute sums of the whole minutes, the raw records ending
 *   in the seconds around them. Throughput: the whole minutes' spread bytes, and each raw record's share
 *   in the edges. One row per group; `inRange` is whether any of its records ended in the range, so a
 *   group of records ending after the range only (which the raw query gives a row of its own) still
 *   adds its rate, and only its rate, to the links the other rows draw (serviceGraph.ts).
 * - Connections: the raw query counts distinct `cityHash64` of each connection's key, which is the
 *   rollup's `connectionCityHashes`: the same numbers, so the same count. They are counted per group
 *   and start minute and added (every record of a connection starts in the same minute), one row per
 *   id with only a 64-bit hash of its group beside it (g), and joined to the sums by g. On 10M flowgen
 *   rows in chDB the counts took 304 ms this way, 410 ms over 128-bit ids and 950 ms over each rollup
 *   row's array of ids grouped by the group's strings. Two groups share a g with a chance of about
 *   n² / 2^65 for n groups, below the raw count's own (a 64-bit hash of each connection).
 */
export function rolledUpServiceMapSql(
  source: ServiceMapRollup,
  options: ServiceMapOptions,
  dialect: Dialect,
  adHocFilters: Filter[]
): string {
  const q = dialect.quoteIdentifier;
  const { rollup, counts, rate } = source;
  const filters = { filters: options.filters, adHocFilters };
  const raw = (time: string) => [time, ...filterConditions(filters, dialect, false)].join(' AND ');
  const rolled = (time: string[]) => [...time, ...filterConditions(filters, dialect, true)].join(' AND ');
  const groups = serviceMapGroups(options);
  const keys = groups.map(([expression, alias]) => `${expression} AS ${q(alias)}`).join(', ');
  const aliases = groups.map(([, alias]) => q(alias));
  const groupHash = `cityHash64(${groups.map(([expression]) => expression).join(', ')}) AS g`;

  // Rollup rows of the minutes either split reads; each sum keeps the minutes of its own split.
  const scanned = {
    from: Math.min(counts.minutes.from, rate.minutes.from),
    to: Math.max(counts.minutes.to, rate.minutes.to),
  };
  const within = (span: Span, column: string, zero: string) =>
    span.from === scanned.from && span.to === scanned.to ? column : `if(${minuteIn(span)}, ${column}, ${zero})`;
  const share = (value: string) => `CAST(${value} AS Nullable(Float64))`;
  const trafficParts = [
    ...(counts.edges.length > 0
      ? [
          `SELECT ${keys}, octetDeltaCount AS b, toUInt64(1) AS f, ${share('0')} AS r FROM flows WHERE ${raw(endsIn(counts.edges))}`,
        ]
      : []),
    `SELECT ${keys}, toUInt64(0) AS b, toUInt64(0) AS f, ${share(`octetDeltaCount * ${rate.edgeShare}`)} AS r FROM flows WHERE ${raw(`$__rangeFilter AND ${rate.reachesEdges}`)}`,
    `SELECT ${keys}, ${within(counts.minutes, 'octets', 'toUInt64(0)')} AS b, ${within(counts.minutes, 'flowRecords', 'toUInt64(0)')} AS f, ${share(within(rate.minutes, 'octetsSpread', '0'))} AS r FROM ${rollup.table} WHERE ${rolled([minuteIn(scanned)])}`,
  ];

  // A rollup whose ids do not hold their start minute (sipHash) is counted in one piece.
  const ids = connectionIdRows(rollup)!;
  const partition = ids.partition ?? { raw: '0', rollup: '0' };
  const idParts = [
    ...(counts.edges.length > 0
      ? [`SELECT ${groupHash}, ${partition.raw} AS p, ${ids.raw} AS v FROM flows WHERE ${raw(endsIn(counts.edges))}`]
      : []),
    `SELECT g, ${partition.rollup} AS p, ${ids.rollup} AS v FROM (SELECT ${groupHash}, ${ids.columns.join(', ')} FROM ${rollup.table} WHERE ${rolled(endMinutesIn(counts.minutes))}) AS rollupRows ARRAY JOIN ${ids.arrayJoin}`,
  ];
  const union = (parts: string[]) => `(\n    ${parts.join('\n    UNION ALL\n    ')}\n  )`;
  const c = serviceMapColumns;
  return [
    `SELECT ${aliases.join(', ')}, toUInt8(f > 0) AS ${q(c.inRange)}, b AS ${q(c.bytes)},`,
    `  r * 8 / $__timeRange_s AS ${q(c.bitsPerSecond)}, f AS ${q(c.flows)}, n AS ${q(c.connections)}`,
    `FROM (\n  SELECT cityHash64(${aliases.join(', ')}) AS g, ${aliases.join(', ')}, sum(b) AS b, sum(f) AS f, sum(r) AS r FROM ${union(trafficParts)} AS parts GROUP BY ${aliases.join(', ')}\n) AS traffic`,
    `ANY LEFT JOIN (\n  SELECT g, sum(c) AS n FROM (SELECT g, uniqExact(v) AS c FROM ${union(idParts)} AS ids GROUP BY g, p) AS perMinute GROUP BY g\n) AS counted USING g`,
    // Busiest first, so a row limit keeps the traffic that matters most.
    `ORDER BY ${q(c.bytes)} DESC, ${aliases.join(', ')}`,
  ].join('\n');
}
