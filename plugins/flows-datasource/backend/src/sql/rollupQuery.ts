import {
  connectionEndedSql,
  connectionStartHashSql,
  connectionStartMinuteOf,
  connectionStartMinuteSql,
} from '@flowlens/flow-schema';
import { intervalSeconds, rangeSeconds, type Dialect, type MacroContext } from './dialect.ts';
import { defaultExportIntervalSeconds } from './flowRates.ts';
import {
  connectionKey,
  groupFields,
  perMinuteValue,
  rankOrder,
  questionConditions,
  type FlowsQuestion,
} from './flowsBuilder.ts';
import type { QueryFormat } from './parsedQuery.ts';
import type { Names } from './distinctNames.ts';
import { newestRecordsFromRollup } from './newestRecords.ts';
import {
  connectionIdArray,
  connectionIdColumns,
  rollupQuestionConditions,
  unanswerableBy,
  type ConnectionIds,
  type Rollup,
} from './rollup.ts';
import { endMinutesIn, endsIn, minuteSeconds, rateSplit, splitRange, type Span } from './rollupRange.ts';

/**
 * A Flows builder question read from a per-minute rollup (ClickHouse) instead of the raw records,
 * giving the same answer (docs/rollups.md has the proof; test/rollups prove it on both servers):
 * - counts and sums of records that end in the range: whole minutes from the rollup's end-minute
 *   counters, the seconds before the first and after the last whole minute from the raw table;
 * - a throughput series: its buckets are whole multiples of the export interval and of a minute, so
 *   each is a sum of the rollup's spread bytes of its minutes, with no raw rows at all;
 * - a throughput over the range: the whole minutes' spread bytes, plus from the raw table the parts
 *   of records that lie before the first or after the last whole minute;
 * - the newest records: raw records after a cutoff minute the rollup's counts place (newestRecords.ts).
 * Returns undefined when the question cannot be answered exactly from the rollup.
 */
export interface RollupPlan {
  sql: string;
  /** The bucket width of a time series, for the frame's interval. */
  bucketSeconds?: number;
}

const minute = minuteSeconds;

interface Counter {
  /**
   * The partial aggregate over raw rows, and over rollup rows; `total` combines the two kinds of `v`,
   * given the union of the parts and the columns it is grouped by (time bucket and keys), for a
   * total that looks into the parts again.
   */
  raw: string;
  rollup: string;
  total: string | ((parts: string, groupedBy: string[]) => string);
  /** Set for a counter whose parts are rows, not partial aggregates: no GROUP BY in either part. */
  perRow?: true;
  /** The rollup rows' arrays to expand (ARRAY JOIN) for a per-row counter, one row per element. */
  rollupArrayJoin?: string;
  /**
   * A key of each row, raw and rolled up, by which the total may be split: totals per key, added,
   * give the whole total (connections: their start minute, the same for all of a connection's rows).
   * `values`: what the parts give in place of `raw` and `rollup` when the total is split, values that
   * need only tell rows apart within one key.
   */
  partition?: { raw: string; rollup: string; values: { raw: string; rollup: string } };
  /**
   * The same count over arrays, for a total not split by `partition`: each rollup row's values as one
   * array (no ARRAY JOIN), each raw record's as an array of one, and `total` counts their distinct
   * elements. Grouping keys are then computed and hashed once per rollup row, not once per element.
   */
  perArray?: { raw: string; rollup: string; total: string };
  /**
   * Rows the total can do without: it needs only the rows where `keep` holds, and the others whose
   * `columns` are those of such a row. Both parts of a total without groups or buckets are read so
   * narrowed (countedUnion), and then `total` is the total over the narrowed rows.
   */
  narrowing?: { keep: string; columns: readonly string[]; total: string };
}

const counters: Readonly<Record<string, Counter>> = {
  octetDeltaCount: { raw: 'sum(octetDeltaCount)', rollup: 'sum(octets)', total: 'sum(v)' },
  reverseOctetDeltaCount: { raw: 'sum(reverseOctetDeltaCount)', rollup: 'sum(reverseOctets)', total: 'sum(v)' },
  packetDeltaCount: { raw: 'sum(packetDeltaCount)', rollup: 'sum(packets)', total: 'sum(v)' },
  reversePacketDeltaCount: { raw: 'sum(reversePacketDeltaCount)', rollup: 'sum(reversePackets)', total: 'sum(v)' },
};

const flowRecords: Counter = { raw: 'count()', rollup: 'sum(flowRecords)', total: 'sum(v)' };

const sums: Readonly<Record<string, Counter>> = {
  bytes: counters.octetDeltaCount!,
  reverseBytes: counters.reverseOctetDeltaCount!,
  packets: counters.packetDeltaCount!,
  reversePackets: counters.reversePacketDeltaCount!,
  flowRecords,
  // The same count; the scale to a minute applies where the parts are combined (perMinuteScale).
  flowRecordsPerMinute: flowRecords,
};

/**
 * A connection as one 64-bit number: `cityHash64` of its key in the raw records, and the low half of
 * its id in the rollup's rows once expanded (`l`). Enough to tell connections apart within a start
 * minute (connectionsCounter), and the very number the recommendation and the service map count
 * over raw records (dialect.hash).
 */
const keyHashIds = { raw: `cityHash64(${connectionKey})`, rollup: 'l' } as const;

/**
 * count(DISTINCT a, b, …) is uniqExact on ClickHouse, over a 128-bit hash of the key. The rollup keeps
 * two 64-bit numbers for each record's key (Rollup.connectionIds), the raw part makes the same two, and
 * uniqExact counts the distinct pairs: a connection in both parts, or in many minutes, counts once.
 * Where the server has UInt128 the pair is one integer (high and low halves), which uniqExact need not
 * hash again. With the start minute in the high half, the count may be split by it (`partition`), and
 * within one start minute the low half alone, `cityHash64` of the key, tells connections apart: two
 * connections that start in the same minute share it with a chance of 2^-64, so a count is off with a
 * chance of about the sum over start minutes of n² / 2^65 (10^-9 for 10M flowgen records, 5.6M
 * connections over 325 minutes). Counting 64-bit numbers instead of 128-bit ones took Home's "Stopped
 * connections" from 226 to 148 ms on 10M flowgen rows in chDB (on 18.16 it counts numbers, not pairs).
 */
function connectionsCounter(rollup: Rollup, layout: ConnectionIds): Counter {
  const id = (high: string, low: string) =>
    rollup.uint128 ? `bitOr(bitShiftLeft(toUInt128(${high}), 64), toUInt128(${low}))` : `(${high}, ${low})`;
  const [highColumn, lowColumn] = connectionIdColumns[layout];
  const startMinute = layout === 'startMinute';
  const raw = id(startMinute ? connectionStartHashSql : `sipHash64(${connectionKey})`, `cityHash64(${connectionKey})`);
  const highs = connectionIdArray(rollup, highColumn);
  const lows = connectionIdArray(rollup, lowColumn);
  return {
    raw,
    rollup: id('h', 'l'),
    total: 'uniqExact(v)',
    perRow: true,
    rollupArrayJoin: `${highs} AS h, ${lows} AS l`,
    ...(startMinute && {
      partition: {
        raw: connectionStartMinuteSql,
        rollup: connectionStartMinuteOf('h', 'l'),
        values: keyHashIds,
      },
    }),
    perArray: {
      raw: `[${raw}]`,
      rollup: `arrayMap((h, l) -> ${id('h', 'l')}, ${highs}, ${lows})`,
      total: 'uniqExactArray(v)',
    },
  };
}

/**
 * Connection ids one row each, for a count outside the builder (the policy recommendation's and the
 * service map's): `cityHash64` of each connection's key, in the raw records and as `l` in the rollup's
 * expanded rows, which is the very number those queries count over raw records (dialect.hash), and
 * where the ids hold their start minute, the minute to split the count by. Undefined for a rollup that
 * keeps no ids.
 */
export function connectionIdRows(rollup: Rollup):
  | {
      raw: string;
      rollup: string;
      /** The rollup columns to expand, and their expansion (ARRAY JOIN) to `l`, and `h` where split. */
      columns: readonly string[];
      arrayJoin: string;
      partition?: { raw: string; rollup: string };
    }
  | undefined {
  if (!rollup.connectionIds) return undefined;
  const [highColumn, lowColumn] = connectionIdColumns[rollup.connectionIds];
  const lows = `${connectionIdArray(rollup, lowColumn)} AS l`;
  const ids = keyHashIds;
  if (rollup.connectionIds !== 'startMinute') return { ...ids, columns: [lowColumn], arrayJoin: lows };
  return {
    ...ids,
    columns: [highColumn, lowColumn],
    arrayJoin: `${connectionIdArray(rollup, highColumn)} AS h, ${lows}`,
    partition: { raw: connectionStartMinuteSql, rollup: connectionStartMinuteOf('h', 'l') },
  };
}

/** A counter that reads `perArray`: its parts are rows of arrays, with no ARRAY JOIN. */
function overArrays(counter: Counter): Counter {
  const { raw, rollup, total } = counter.perArray!;
  return { raw, rollup, total, perRow: true };
}

/**
 * Open connections: each part's rows carry a connection's id and whether the record (or the rollup
 * row, whose flowEndReason is a key) says it ended, as `(id, ended)`. Open are the connections of
 * the records that did not end (A) less those among them that also have an ended record (E): |A| −
 * |A ∩ E|, where A ∩ E is found by looking up E's rows in the set of A's ids. A's records, those on
 * the active timeout, are few where most connections end, and no set of all ids is built: on 10M
 * flowgen records (5.8M connections, 14k of them open) Home's "Active connections" took 519 ms
 * through the backend, against 803 ms as |A ∪ E| − |E|.
 *
 * One total reads only A's rows and the ended rows E' that share their four (see `narrowing`); E'
 * holds every ended record of A's connections, so |A \ E| = |A \ E'| = |A ∪ E'| − |E'|, two counts
 * over one read of the parts, where the lookup reads them twice: 156 ms against 277 ms in chDB (10M
 * flowgen records, sent straight to it).
 */
function openConnectionsCounter(rollup: Rollup, layout: ConnectionIds): Counter {
  // Its total looks ids up per row (the IN below), so it reads expanded rows, never arrays.
  const { perArray: _arrays, ...ids } = connectionsCounter(rollup, layout);
  // An ended record counts only when its connection is in A, and then it has the same addresses,
  // destination port and protocol (they are part of a connection's key) as an A record, in the raw
  // records and rollup rows alike: ended rows of other such four are never expanded nor looked up.
  // On 10M flowgen records A's rows had 10 of 354 of them, and 81,000 of the 5.6M ended ids.
  const narrowing = {
    keep: `NOT (${connectionEndedSql})`,
    columns: ['sourceIP', 'destinationIP', 'destinationTransportPort', 'protocolIdentifier'],
  };
  const withEnd = (id: string) => `tuple(${id}, toUInt8(${connectionEndedSql}))`;
  const id = 'tupleElement(v, 1)';
  const ended = 'tupleElement(v, 2)';
  return {
    ...ids,
    narrowing: { ...narrowing, total: `uniqExact(${id}) - uniqExactIf(${id}, ${ended} = 1)` },
    raw: withEnd(ids.raw),
    rollup: withEnd(ids.rollup),
    ...(ids.partition && {
      partition: {
        ...ids.partition,
        values: { raw: withEnd(ids.partition.values.raw), rollup: withEnd(ids.partition.values.rollup) },
      },
    }),
    total: (parts, groupedBy) => {
      const key = [...groupedBy, id];
      const tuple = key.length === 1 ? key[0]! : `(${key.join(', ')})`;
      return `uniqExactIf(${id}, ${ended} = 0) - uniqExactIf(${id}, ${ended} = 1 AND ${tuple} IN (SELECT ${key.join(', ')} FROM ${parts} WHERE ${ended} = 0))`;
    },
  };
}

/** A counter's total over `parts`, grouped by `groupedBy`. */
function totalOf(counter: Counter, parts: string, groupedBy: string[]): string {
  return typeof counter.total === 'string' ? counter.total : counter.total(parts, groupedBy);
}

/**
 * The things records name (pods, nodes, policies, Services): every part gives each record's or
 * rollup row's names as rows (arrayJoin), and the distinct non-empty ones count.
 */
function namesCounter(names: Names): Counter {
  const each = `arrayJoin([${names.join(', ')}])`;
  return { raw: each, rollup: each, total: "uniqExactIf(v, v != '')", perRow: true };
}

/** Metrics that count connections: only from a rollup that keeps their hashes. */
const connectionCounters: Readonly<Record<string, (rollup: Rollup, layout: ConnectionIds) => Counter>> = {
  connections: connectionsCounter,
  // Its records are those that say they ended (the metric's `records`): their connections, counted.
  endedConnections: connectionsCounter,
  openConnections: openConnectionsCounter,
};

/** How the rollup answers a count or sum metric; undefined for a metric it keeps no column for. */
function counterOf({ metric, definition }: FlowsQuestion, rollup: Rollup): Counter | undefined {
  if (definition.reads?.some((column) => !rollup.columns.has(column))) {
    return undefined;
  }
  if ('distinctNames' in definition) {
    return namesCounter(definition.distinctNames);
  }
  const connections = connectionCounters[metric];
  if (connections) {
    return rollup.connectionIds ? connections(rollup, rollup.connectionIds) : undefined;
  }
  return sums[metric];
}

const spreadColumns: Readonly<Record<string, string>> = {
  octetDeltaCount: 'octetsSpread',
  reverseOctetDeltaCount: 'reverseOctetsSpread',
};

export function compileRollupQuery(
  question: FlowsQuestion,
  format: QueryFormat,
  context: MacroContext,
  rollup: Rollup,
  dialect: Dialect
): RollupPlan | undefined {
  if (unanswerableBy(question, rollup)) {
    return undefined;
  }
  if ('listsRecords' in question.definition) {
    const sql = newestRecordsFromRollup(question, format, context, rollup, dialect);
    return sql === undefined ? undefined : { sql };
  }
  const exportInterval = context.exportIntervalSeconds ?? defaultExportIntervalSeconds;
  const rate = 'rateOf' in question.definition ? question.definition.rateOf : undefined;
  // A metric the rollup keeps no column for (one added to the builder later, or connections in a
  // rollup made before the hashes) reads the raw records.
  if (rate ? !(rate in spreadColumns) : !counterOf(question, rollup)) {
    return undefined;
  }
  // Spread bytes depend on the export interval they were spread with.
  if (rate && rollup.exportIntervalSeconds !== exportInterval) {
    return undefined;
  }
  const bucket = intervalSeconds(context);
  if (format === 'timeseries' && bucket % minute !== 0) {
    return undefined;
  }
  const parts = new QueryParts(question, dialect, rollup);
  if (format === 'table') {
    return rate ? parts.rangeRate(rate, context, exportInterval) : parts.rangeTotal(context);
  }
  return rate ? parts.rateSeries(rate, context, bucket) : parts.totalSeries(context, bucket);
}

class QueryParts {
  private readonly rawConditions: string[];
  private readonly rollupConditions: string[];
  private readonly keys: string[];
  private readonly groupSelect: string[];
  private readonly groupRefs: string[];

  constructor(
    private readonly question: FlowsQuestion,
    private readonly dialect: Dialect,
    private readonly rollup: Rollup
  ) {
    this.rawConditions = questionConditions(question, dialect);
    this.rollupConditions = rollupQuestionConditions(question, dialect);
    this.keys = question.groups.map((key) => dialect.quoteIdentifier(key));
    this.groupRefs = question.groups.map((key) => groupFields[key]!.expression);
    this.groupSelect = question.groups.map((key, i) => `${this.groupRefs[i]} AS ${this.keys[i]}`);
  }

  private get value(): string {
    return this.dialect.quoteIdentifier(this.question.metric);
  }

  private rawWhere(time: string): string {
    return [time, ...this.rawConditions].join(' AND ');
  }

  private rollupWhere(minutes: Span, endsOnly: boolean): string {
    const minuteRows = endsOnly
      ? endMinutesIn(minutes)
      : [`minute >= toDateTime(${minutes.from})`, `minute < toDateTime(${minutes.to})`];
    return [...minuteRows, ...this.rollupConditions].join(' AND ');
  }

  /**
   * The union a count over the range reads: raw records ending in `edges`, rollup rows of the whole
   * `minutes`, both narrowed when the counter has a `narrowing` (countsOverRange keeps it where it applies).
   */
  private countedUnion(
    counter: Counter,
    { minutes, edges }: { minutes: Span; edges: Span[] },
    partition?: Counter['partition'],
    bucketOf?: (column: string) => string
  ): string {
    const rawWhere = edges.length > 0 ? this.rawWhere(endsIn(edges)) : undefined;
    const rollupWhere = this.rollupWhere(minutes, true);
    const narrowed = counter.narrowing && this.narrowed(counter.narrowing, rawWhere, rollupWhere);
    const and = (where: string) => (narrowed ? `${where} AND ${narrowed}` : where);
    return this.union(
      rawWhere ? { where: and(rawWhere), value: counter.raw, partition: partition?.raw } : undefined,
      {
        where: and(rollupWhere),
        value: counter.rollup,
        perRow: counter.perRow,
        arrayJoin: counter.rollupArrayJoin,
        partition: partition?.rollup,
      },
      bucketOf
    );
  }

  /**
   * Whether a counter's `narrowing` applies: only to one total, as a group or time bucket whose rows
   * were all narrowed away would be missing from the answer, where the raw records give it a row of 0.
   */
  private narrows(bucketOf: ((column: string) => string) | undefined): boolean {
    return this.keys.length === 0 && !bucketOf;
  }

  /** The condition a counter's `narrowing` puts on both parts: `keep`, or the columns of a row where it holds. */
  private narrowed(
    { keep, columns }: NonNullable<Counter['narrowing']>,
    rawWhere: string | undefined,
    rollupWhere: string
  ): string {
    const list = columns.join(', ');
    const kept = [
      ...(rawWhere ? [`SELECT ${list} FROM flows WHERE ${rawWhere} AND ${keep}`] : []),
      `SELECT ${list} FROM ${this.rollup.table} WHERE ${rollupWhere} AND ${keep}`,
    ];
    return `(${keep} OR (${list}) IN (${kept.join(' UNION ALL ')}))`;
  }

  /**
   * A union of partial aggregates per group (and per bucket): raw rows of `edges`, rollup rows of
   * whole minutes. `time` gives the bucket expression for a time column, for series.
   */
  private union(
    raw: { where: string; value: string; partition?: string } | undefined,
    rolled: { where: string; value: string; perRow?: true; arrayJoin?: string; partition?: string },
    time?: (column: string) => string
  ): string {
    const select = (column: string, value: string, partition: string | undefined) => [
      ...(time ? [`${time(column)} AS ${this.dialect.quoteIdentifier('time')}`] : []),
      ...this.groupSelect,
      `${value} AS v`,
      ...(partition ? [`${partition} AS p`] : []),
    ];
    // A counter over expanded arrays gives rows, not partial aggregates: neither part groups.
    const perRow = rolled.perRow === true;
    const groupBy = (column: string) => {
      const refs = [...(time ? [time(column)] : []), ...this.groupRefs];
      return refs.length > 0 && !perRow ? ` GROUP BY ${refs.join(', ')}` : '';
    };
    const arrayJoin = rolled.arrayJoin ? ` ARRAY JOIN ${rolled.arrayJoin}` : '';
    const parts = [
      ...(raw
        ? [
            `SELECT ${select('flowEndSeconds', raw.value, raw.partition).join(', ')} FROM flows WHERE ${raw.where}${groupBy('flowEndSeconds')}`,
          ]
        : []),
      `SELECT ${select('minute', rolled.value, rolled.partition).join(', ')} FROM ${this.rollup.table}${arrayJoin} WHERE ${rolled.where}${groupBy('minute')}`,
    ];
    return `(\n  ${parts.join('\n  UNION ALL\n  ')}\n) AS parts`;
  }

  /** Top N groups by a total over the records ending in [from, to] seconds, as a filter on the keys. */
  private topFilter(counter: Counter, fromSecond: number, toSecond: number): string {
    const { topN } = this.question;
    if (!topN || this.keys.length === 0) {
      return '';
    }
    const union = this.countedUnion(counter, splitRange(fromSecond, toSecond, this.rollup.coveredFromSeconds));
    const tuple = this.keys.length === 1 ? this.keys[0]! : `(${this.keys.join(', ')})`;
    return `\nWHERE ${tuple} IN (SELECT ${this.keys.join(', ')} FROM ${union} GROUP BY ${this.keys.join(', ')} ORDER BY ${rankOrder(totalOf(counter, union, this.keys), this.keys)} LIMIT ${topN})`;
  }

  private table(from: string, total: string): string {
    const { topN } = this.question;
    return [
      `SELECT ${[...this.keys, `${total} AS ${this.value}`].join(', ')}`,
      `FROM ${from}`,
      this.keys.length > 0 ? `GROUP BY ${this.keys.join(', ')}` : '',
      `ORDER BY ${rankOrder(this.value, this.keys)}`,
      topN ? `LIMIT ${topN}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  /** Counts and sums of the records that end in the range ($__timeFilter: both ends included). */
  rangeTotal(context: MacroContext): RollupPlan | undefined {
    const counts = this.countsOverRange(context);
    return (
      counts && {
        sql: this.table(counts.from, this.scaled(counts.total, 'table')),
      }
    );
  }

  /** A per-minute metric's combined total, divided as the raw query divides it. */
  private scaled(total: string, format: QueryFormat): string {
    return perMinuteValue(total, this.question.definition, format);
  }

  /**
   * The question's count or sum over the range: whole minutes from the rollup, the seconds before the
   * first and after the last from the raw records; undefined when no whole minute is in the range.
   * `total` is read from `from`, grouped by the bucket (in a series) and the keys.
   */
  private countsOverRange(context: MacroContext, bucketOf?: (column: string) => string) {
    const fromSecond = Math.floor(context.timeRange.fromMs / 1000);
    const toSecond = Math.floor(context.timeRange.toMs / 1000);
    const { minutes, edges } = splitRange(fromSecond, toSecond, this.rollup.coveredFromSeconds);
    if (minutes.to <= minutes.from) {
      return undefined;
    }
    const metricCounter = counterOf(this.question, this.rollup)!;
    // Split only a question without groups: per group and start minute there would be as many hash
    // sets as ids, nearly, in the tables that group by pods and ports.
    const partition = this.keys.length === 0 ? metricCounter.partition : undefined;
    // Not split, connections are counted over each rollup row's array of ids: the groups' keys are
    // strings, and copied and hashed once per id (ARRAY JOIN) they cost more than the ids (on 10M
    // flowgen rows, nine keys like the policy recommendation's, with pod names for labels, took 1.6 s
    // per id against 0.5 s per row).
    const counted = partition
      ? { ...metricCounter, ...partition.values }
      : metricCounter.perArray
        ? overArrays(metricCounter)
        : metricCounter;
    // Decided here once: the counter passed on keeps its narrowing only where it applies.
    const { narrowing, ...unnarrowed } = counted;
    const counter: Counter = narrowing && this.narrows(bucketOf) ? { ...counted, total: narrowing.total } : unnarrowed;
    const union = this.countedUnion(counter, { minutes, edges }, partition, bucketOf);
    const time = bucketOf ? [this.dialect.quoteIdentifier('time')] : [];
    if (!partition) {
      return {
        from: union,
        total: totalOf(counter, union, [...time, ...this.keys]),
        counter,
        fromSecond,
        toSecond,
      };
    }
    // Totals per start minute (and bucket), added up: each hash set holds one minute's connections and
    // stays in the processor's cache, where one set of millions of ids misses it on nearly every row
    // (on 10M flowgen records in chDB, Home's "Stopped connections" took 0.6 of the time of one set).
    // Its values tell rows apart within one start minute only, so a total that looks into the parts
    // (open connections) looks within the minute too.
    const perPartition = `(SELECT ${[...time, `${totalOf(counter, union, [...time, 'p'])} AS c`].join(', ')} FROM ${union} GROUP BY ${[...time, 'p'].join(', ')}) AS partitions`;
    return { from: perPartition, total: 'sum(c)', counter, fromSecond, toSecond };
  }

  /**
   * Throughput over the range ($__rangeShare): whole minutes from the rollup, and from the raw table the
   * share of each record that lies in [from, first whole minute) or [last whole minute's end, to].
   */
  rangeRate(counterColumn: string, context: MacroContext, exportInterval: number): RollupPlan | undefined {
    const split = rateSplit(
      context.timeRange.fromMs,
      context.timeRange.toMs,
      this.rollup.coveredFromSeconds,
      exportInterval
    );
    if (!split) {
      return undefined;
    }
    const { minutes, edgeShare, reachesEdges } = split;
    const union = this.union(
      { where: this.rawWhere(`$__rangeFilter AND ${reachesEdges}`), value: `sum(${counterColumn} * ${edgeShare})` },
      {
        where: this.rollupWhere(minutes, false),
        value: `CAST(sum(${spreadColumns[counterColumn]}) AS Nullable(Float64))`,
      }
    );
    return { sql: this.table(union, `sum(v) * 8 / ${rangeSeconds(context)}`) };
  }

  /** A count or sum per bucket of record ends ($__timeInterval), the first and last buckets partial. */
  totalSeries(context: MacroContext, bucket: number): RollupPlan | undefined {
    const counts = this.countsOverRange(context, (column) => `$__timeInterval(${column})`);
    if (!counts) {
      return undefined;
    }
    const { from, total, counter, fromSecond, toSecond } = counts;
    return {
      sql: this.series(from, this.scaled(total, 'timeseries'), this.topFilter(counter, fromSecond, toSecond)),
      bucketSeconds: bucket,
    };
  }

  /**
   * A throughput series ($__spreadTime): every bucket from the range's first to its last is whole, and
   * a whole number of minutes, so the rollup's spread bytes answer it alone.
   */
  rateSeries(counterColumn: string, context: MacroContext, bucket: number): RollupPlan | undefined {
    const firstBucket = Math.floor(context.timeRange.fromMs / 1000 / bucket) * bucket;
    const lastBucket = Math.floor(context.timeRange.toMs / 1000 / bucket) * bucket;
    if (firstBucket < this.rollup.coveredFromSeconds) {
      return undefined;
    }
    const rolled = this.union(
      undefined,
      {
        where: this.rollupWhere({ from: firstBucket, to: lastBucket + bucket }, false),
        value: `sum(${spreadColumns[counterColumn]})`,
      },
      (column) => `$__timeInterval(${column})`
    );
    const fromSecond = Math.floor(context.timeRange.fromMs / 1000);
    const toSecond = Math.floor(context.timeRange.toMs / 1000);
    const total = `CAST(sum(v) * 8 / ${bucket} AS Nullable(Float64))`;
    return {
      sql: this.series(rolled, total, this.topFilter(counters[counterColumn]!, fromSecond, toSecond)),
      bucketSeconds: bucket,
    };
  }

  private series(from: string, total: string, topFilter: string): string {
    const time = this.dialect.quoteIdentifier('time');
    return [
      `SELECT ${[time, ...this.keys, `${total} AS ${this.value}`].join(', ')}`,
      `FROM ${from}${topFilter}`,
      `GROUP BY ${[time, ...this.keys].join(', ')}`,
      `ORDER BY ${time}`,
    ].join('\n');
  }
}
