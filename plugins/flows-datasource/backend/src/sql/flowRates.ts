import { expectArgs, intervalSeconds, type MacroContext, type MacroExpansion } from './dialect.ts';

/**
 * Rates that stay right whatever the time bucket and the flow source's export interval.
 *
 * Antrea's Flow Aggregator writes one record per open connection every `activeFlowRecordTimeout`
 * (60 s by default); its delta counters hold the bytes since the previous record. Summing the deltas
 * that end in a 4 s bucket and dividing by 4 s overstates a steady connection 15×. So:
 * - a record covers the seconds from max(flowStartSeconds, flowEndSeconds − E) to flowEndSeconds,
 *   E being the export interval, and its delta is spread evenly over them;
 * - time buckets are never finer than E and are whole multiples of it, so a record's seconds fall in
 *   at most two buckets, and `$__spreadJoin` gives every record one row per bucket it reaches;
 *   `$__spreadEndShare` is its share in its end's bucket (the rest is the bucket before's), for
 *   queries that sum per bucket before splitting;
 * - a whole-range rate (a Stat) takes the part of each record inside the range.
 * dashboards/README.md states the formulas; test/flowRates.test.ts proves them on both engines.
 */

/** Antrea's default `activeFlowRecordTimeout` (build/charts/flow-aggregator/values.yaml). */
export const defaultExportIntervalSeconds = 60;

/** Grafana's interval made a whole multiple of the export interval, at least one of it. */
export function bucketIntervalMs(intervalMs: number, exportIntervalSeconds: number): number {
  const seconds = Math.max(1, Math.floor(intervalMs / 1000));
  return Math.ceil(seconds / exportIntervalSeconds) * exportIntervalSeconds * 1000;
}

/** The engine-specific spellings the rate macros need. */
export interface EpochSyntax {
  /** A time column as whole seconds since the Unix epoch (a signed integer). */
  epochSeconds(column: string): string;
  /** An integer expression rounded down to a multiple of `seconds`. */
  floorTo(expression: string, seconds: number): string;
  /** An instant from whole epoch seconds, comparable with the flows table's time columns. */
  fromEpochSeconds(expression: string): string;
  /** A bucket's time from whole epoch seconds, of the same type `$__timeInterval` gives. */
  bucketTime(expression: string): string;
}

/** The name of the join's column; only the spread macros read it. */
const half = 'spreadHalf';

export function rateMacros(syntax: EpochSyntax): Record<string, MacroExpansion> {
  const end = syntax.epochSeconds('flowEndSeconds');
  const exportInterval = (context: MacroContext) => context.exportIntervalSeconds ?? defaultExportIntervalSeconds;
  const coverStart = (context: MacroContext) =>
    `greatest(${syntax.epochSeconds('flowStartSeconds')}, ${end} - ${exportInterval(context)})`;
  const coverSeconds = (context: MacroContext) => `nullIf(${end} - ${coverStart(context)}, 0)`;
  const endBucket = (context: MacroContext) => syntax.floorTo(end, intervalSeconds(context));
  const halfBucket = (context: MacroContext) => `${endBucket(context)} - ${half} * ${intervalSeconds(context)}`;
  /** The share of a record in the bucket its end falls in; the rest belongs to the bucket before. */
  const endShare = (context: MacroContext) =>
    `CASE WHEN ${end} <= ${coverStart(context)} THEN 1 ELSE (${end} - greatest(${coverStart(context)}, ${endBucket(context)})) / ${coverSeconds(context)} END`;
  const bounds = ({ timeRange }: MacroContext) => ({ from: timeRange.fromMs / 1000, to: timeRange.toMs / 1000 });
  const noArguments =
    (name: string, expand: (context: MacroContext) => string): MacroExpansion =>
    (args, context) => {
      expectArgs(name, args, 0, 'no arguments');
      return expand(context);
    };

  return {
    exportInterval_s: noArguments('exportInterval_s', (context) => String(exportInterval(context))),
    // Two rows per record: half 0 is its part in its end's bucket, half 1 its part in the bucket before.
    spreadJoin: noArguments(
      'spreadJoin',
      () => `CROSS JOIN (SELECT 0 AS ${half} UNION ALL SELECT 1 AS ${half}) AS spreadHalves`
    ),
    spreadFilter: noArguments('spreadFilter', (context) => {
      const bucket = intervalSeconds(context);
      const { from, to } = bounds(context);
      const firstBucket = Math.floor(from / bucket) * bucket;
      const lastBucket = Math.floor(to / bucket) * bucket;
      // Records ending up to one export interval after the last bucket still reach into it.
      const lastEnd = lastBucket + bucket + exportInterval(context);
      return [
        `flowEndSeconds >= ${syntax.fromEpochSeconds(String(firstBucket))}`,
        `flowEndSeconds < ${syntax.fromEpochSeconds(String(lastEnd))}`,
        `(${half} = 0 OR ${coverStart(context)} < ${endBucket(context)})`,
        `${halfBucket(context)} >= ${firstBucket}`,
        `${halfBucket(context)} <= ${lastBucket}`,
      ].join(' AND ');
    }),
    spreadTime: noArguments('spreadTime', (context) => {
      context.onTimeBucket?.(intervalSeconds(context));
      return syntax.bucketTime(halfBucket(context));
    }),
    spreadShare: noArguments(
      'spreadShare',
      (context) => `CASE WHEN ${half} = 0 THEN ${endShare(context)} ELSE 1 - ${endShare(context)} END`
    ),
    // Without a join: sum per $__timeInterval(flowEndSeconds) first, then move the rest to the bucket
    // before, so a query multiplies buckets instead of records (anomaly detection on 10M rows).
    spreadEndShare: noArguments('spreadEndShare', endShare),
    rangeFilter: noArguments('rangeFilter', (context) => {
      const { from, to } = bounds(context);
      const lastEnd = Math.floor(to) + exportInterval(context);
      return `flowEndSeconds >= ${syntax.fromEpochSeconds(String(Math.floor(from)))} AND flowEndSeconds < ${syntax.fromEpochSeconds(String(lastEnd))}`;
    }),
    rangeShare: noArguments('rangeShare', (context) => {
      const { from, to } = bounds(context);
      const inside = `greatest(0, least(${end}, ${to}) - greatest(${coverStart(context)}, ${from}))`;
      return `CASE WHEN ${end} <= ${coverStart(context)} THEN CASE WHEN ${end} >= ${from} AND ${end} <= ${to} THEN 1 ELSE 0 END ELSE ${inside} / ${coverSeconds(context)} END`;
    }),
  };
}
