import {
  connectionColumns,
  connectionEndedSql,
  connectionStartMinuteSql,
  decidingRuleActionSql,
  endpointName,
  flowColumnKinds,
  FlowType,
  podName,
  policyName,
} from '@flowlens/flow-schema';
import { conditionSql, parseFilters, type Filter, type ResolvedKey } from './conditions.ts';
import type { Dialect } from './dialect.ts';
import { compileDistinctNames, type Names } from './distinctNames.ts';
import { compileNewestRecords } from './newestRecords.ts';
import type { QueryFormat } from './parsedQuery.ts';

/**
 * The Flows builder (query model version 1): the questions the dashboards ask, compiled to SQL that
 * uses only portable syntax plus macros, so the same model runs on ClickHouse and Snowflake.
 */
export const flowViews = {
  /** Pod to pod inside the cluster, not through a Service. */
  'pod-to-pod': `flowType IN (${FlowType.intraNode}, ${FlowType.interNode}) AND sourcePodName != '' AND destinationPodName != '' AND destinationServicePortName = ''`,
  'pod-to-service': "destinationServicePortName != ''",
  'pod-to-external': `flowType = ${FlowType.toExternal}`,
  'node-to-node': "sourceNodeName != '' AND destinationNodeName != ''",
  policy: "(ingressNetworkPolicyName != '' OR egressNetworkPolicyName != '')",
  all: '',
} as const;

/** Group-by fields in the user's words, each a portable expression over flows columns. */
export const groupFields: Readonly<Record<string, ResolvedKey & { expression: string }>> = {
  sourcePod: { expression: endpointName('source'), kind: 'string' },
  destinationPod: { expression: endpointName('destination'), kind: 'string' },
  sourceNamespace: { expression: 'sourcePodNamespace', kind: 'string' },
  destinationNamespace: { expression: 'destinationPodNamespace', kind: 'string' },
  sourceNode: { expression: 'sourceNodeName', kind: 'string' },
  destinationNode: { expression: 'destinationNodeName', kind: 'string' },
  destinationService: { expression: 'destinationServicePortName', kind: 'string' },
  destinationPort: { expression: 'destinationTransportPort', kind: 'number' },
  destinationIP: { expression: 'destinationIP', kind: 'string' },
  sourceIP: { expression: 'sourceIP', kind: 'string' },
  protocol: { expression: 'protocolIdentifier', kind: 'number' },
  ingressPolicy: { expression: policyName('ingress'), kind: 'string' },
  egressPolicy: { expression: policyName('egress'), kind: 'string' },
  ingressRuleAction: { expression: 'ingressNetworkPolicyRuleAction', kind: 'number' },
  egressRuleAction: { expression: 'egressNetworkPolicyRuleAction', kind: 'number' },
  /** The action that decided the flow: a drop or reject on either side wins over an allow. */
  ruleAction: { expression: decidingRuleActionSql, kind: 'number' },
  flowType: { expression: 'flowType', kind: 'number' },
  cluster: { expression: 'clusterUUID', kind: 'string' },
};

/** Filter-only keys that match either end of a flow, e.g. "namespace in (bookinfo)": from or to bookinfo. */
const eitherSideFields: Readonly<Record<string, ResolvedKey>> = {
  namespace: { expression: ['sourcePodNamespace', 'destinationPodNamespace'], kind: 'string' },
  pod: { expression: [endpointName('source'), endpointName('destination')], kind: 'string' },
  node: { expression: ['sourceNodeName', 'destinationNodeName'], kind: 'string' },
  ip: { expression: ['sourceIP', 'destinationIP'], kind: 'string' },
};

/** A builder filter key: a group-by field, an either-side field, or a flows column. */
export function resolveBuilderKey(key: string): ResolvedKey | undefined {
  const group = groupFields[key] ?? eitherSideFields[key];
  if (group) return group;
  const kind = flowColumnKinds.get(key);
  return kind ? { expression: key, kind } : undefined;
}

/**
 * A metric is an aggregate over the records that end in the range (or bucket), a rate (a counter
 * spread over the seconds each record covers, flowRates.ts, in bits per second), or a count of the
 * distinct things those records name (distinctNames.ts). An aggregate `perMinute` is averaged per
 * minute of its bucket (a series) or of the range (a table), so a chart keeps its scale when a longer
 * range widens the buckets. `records`: a condition on the records it counts, beside the question's.
 * `reads`: the flows columns it needs that a rollup made by an earlier 05-flows-rollups.sql lacks
 * (Rollup.columns). `splitByStartMinute`: a distinct count of connections that ClickHouse may count
 * per start minute and add up, when nothing is grouped (startMinuteSplit). `listsRecords`: no
 * aggregate but the records themselves (newestRecords.ts).
 */
export type MetricDefinition = { unit: string; records?: string; reads?: readonly string[] } & (
  | { aggregate: AggregateSql; perMinute?: true; splitByStartMinute?: true }
  | { rateOf: string }
  | { distinctNames: Names }
  | { listsRecords: true }
);

/** An aggregate's SQL, or how to write it where it is computed (openConnections looks its records up). */
export type AggregateSql = string | ((scope: AggregateScope) => string);

type AggregateDefinition = MetricDefinition & { aggregate: AggregateSql };

/**
 * Where an aggregate is computed: the expressions its rows are grouped by (the bucket first, in a series)
 * and the condition of the records it reads, for an aggregate that looks its group's records up again.
 */
export interface AggregateScope {
  dialect: Dialect;
  keys: string[];
  where: string;
}

export const connectionKey = connectionColumns.join(', ');

/**
 * Distinct connections, `first` standing for the first connection column: count(DISTINCT a, b, …) skips
 * a row where any of them is NULL, on ClickHouse and Snowflake alike, so a `first` that is NULL for some
 * records leaves them out.
 */
const distinctConnections = (first: string) => `count(DISTINCT ${[first, ...connectionColumns.slice(1)].join(', ')})`;

/** Every distinct connection of the records counted. */
const allConnections = distinctConnections(connectionColumns[0]!);

/**
 * Connections with records in the range (per group) and none that says it ended. Snowflake: all of them
 * less the ended ones, two distinct counts over every connection. ClickHouse: those of the records that
 * did not end (A, few: most records end their connection) less those among A that also have an ended
 * record (A ∩ E), found by looking each ended record's group and connection up in A. No hash set of
 * every connection is built, so it takes less than half the time of the two full counts (10M flowgen
 * rows). The lookup is a tuple IN, which never matches a NULL: ClickHouse's flows columns are never
 * NULL, Snowflake's may be, so Snowflake keeps the two full counts.
 */
function openConnectionsSql({ dialect, keys, where }: AggregateScope): string {
  const [first] = connectionColumns;
  if (dialect.name !== 'clickhouse') {
    return `${allConnections} - ${distinctConnections(`CASE WHEN ${connectionEndedSql} THEN ${first} END`)}`;
  }
  const lookup = [...keys, ...connectionColumns].join(', ');
  const inNotEnded = `(${lookup}) IN (SELECT ${lookup} FROM flows WHERE ${where} AND NOT (${connectionEndedSql}))`;
  // 18.16 answers a distinct count of Nullable arguments over no rows with NULL, not 0.
  const notEnded = distinctConnections(`CASE WHEN ${connectionEndedSql} THEN NULL ELSE ${first} END`);
  const alsoEnded = distinctConnections(`CASE WHEN ${connectionEndedSql} AND ${inNotEnded} THEN ${first} END`);
  return `coalesce(${notEnded}, 0) - coalesce(${alsoEnded}, 0)`;
}

export const metrics: Readonly<Record<string, MetricDefinition>> = {
  bytes: { aggregate: 'sum(octetDeltaCount)', unit: 'bytes' },
  reverseBytes: { aggregate: 'sum(reverseOctetDeltaCount)', unit: 'bytes' },
  packets: { aggregate: 'sum(packetDeltaCount)', unit: 'short' },
  reversePackets: { aggregate: 'sum(reversePacketDeltaCount)', unit: 'short' },
  throughput: { rateOf: 'octetDeltaCount', unit: 'bps' },
  reverseThroughput: { rateOf: 'reverseOctetDeltaCount', unit: 'bps' },
  flowRecords: { aggregate: 'count(*)', unit: 'short' },
  flowRecordsPerMinute: { aggregate: 'count(*)', perMinute: true, unit: 'short' },
  connections: { aggregate: allConnections, splitByStartMinute: true, unit: 'short' },
  /** Connections with a record that says they ended in the range. */
  endedConnections: {
    aggregate: allConnections,
    splitByStartMinute: true,
    records: connectionEndedSql,
    reads: ['flowEndReason'],
    unit: 'short',
  },
  /** Connections with records in the range and none that says they ended: open at its end, as far as they tell. */
  openConnections: {
    aggregate: openConnectionsSql,
    reads: ['flowEndReason'],
    unit: 'short',
  },
  pods: { distinctNames: [podName('source'), podName('destination')], unit: 'short' },
  nodes: { distinctNames: ['sourceNodeName', 'destinationNodeName'], unit: 'short' },
  policies: { distinctNames: [policyName('ingress'), policyName('egress')], unit: 'short' },
  /** Services by ClusterIP (one per Service, whatever its ports), as Home counts them. */
  services: { distinctNames: ['destinationClusterIP'], reads: ['destinationClusterIP'], unit: 'short' },
  /** The records themselves, newest first: the Flow Records table. */
  newestRecords: { listsRecords: true, unit: 'none' },
};

/** The seconds a per-minute metric's value spans: its bucket in a series, the whole range in a table. */
function perMinuteScale(format: QueryFormat): string {
  return ` * 60 / ${format === 'table' ? '$__timeRange_s' : '$__interval_s'}`;
}

/** `value` as the metric gives it: for a per-minute metric, divided by the minutes of its bucket or range. */
export function perMinuteValue(value: string, definition: MetricDefinition, format: QueryFormat): string {
  return 'perMinute' in definition && definition.perMinute ? `${value}${perMinuteScale(format)}` : value;
}

/** An aggregate metric's SQL where it is computed. */
function aggregateSql(definition: { aggregate: AggregateSql }, scope: AggregateScope): string {
  return typeof definition.aggregate === 'string' ? definition.aggregate : definition.aggregate(scope);
}

/** An aggregate metric's value over the rows of a bucket (series) or of the range (table). */
function aggregateValue(definition: AggregateDefinition, format: QueryFormat, scope: AggregateScope): string {
  return perMinuteValue(aggregateSql(definition, scope), definition, format);
}

/** What ranks series for top N: the aggregate itself, or for a rate the counter's total. */
function rankingSql(definition: { aggregate: AggregateSql } | { rateOf: string }, scope: AggregateScope): string {
  return 'aggregate' in definition ? aggregateSql(definition, scope) : `sum(${definition.rateOf})`;
}

export class BuilderError extends Error {}

export interface CompiledFlowsQuery {
  sql: string;
  /** Unit of the value field, for Grafana's field config. */
  unit: string;
  metric: string;
}

/** A builder query model, validated: what the raw-table compiler and the rollup compiler both read. */
export interface FlowsQuestion {
  view: keyof typeof flowViews;
  metric: string;
  definition: MetricDefinition;
  groups: string[];
  topN: number | undefined;
  filters: Filter[];
  adHocFilters: Filter[];
}

export function parseFlowsQuestion(flows: Record<string, unknown>, adHocFilters: Filter[] = []): FlowsQuestion {
  const view = (flows.view ?? 'all') as string;
  if (!(view in flowViews)) {
    throw new BuilderError(`unknown view "${view}"; choose one of ${Object.keys(flowViews).join(', ')}`);
  }
  const metric = (flows.metric ?? 'bytes') as string;
  const definition = metrics[metric];
  if (!definition) {
    throw new BuilderError(`unknown metric "${metric}"; choose one of ${Object.keys(metrics).join(', ')}`);
  }
  const groupBy = Array.isArray(flows.groupBy) ? (flows.groupBy as unknown[]) : [];
  for (const key of groupBy) {
    if (typeof key !== 'string' || !(key in groupFields)) {
      throw new BuilderError(
        `unknown group-by field ${JSON.stringify(key)}; choose from ${Object.keys(groupFields).join(', ')}`
      );
    }
  }
  if ('listsRecords' in definition && groupBy.length > 0) {
    throw new BuilderError('newest records lists records one by one: remove the group-by fields, or choose a metric');
  }
  const topN = flows.topN === undefined || flows.topN === null ? undefined : Number(flows.topN);
  if (topN !== undefined && (!Number.isInteger(topN) || topN < 1 || topN > 100_000)) {
    throw new BuilderError(`top N must be a whole number from 1 to 100000, got ${JSON.stringify(flows.topN)}`);
  }
  return {
    view: view as keyof typeof flowViews,
    metric,
    definition,
    groups: groupBy as string[],
    topN,
    filters: parseFilters(flows.filters, 'filters'),
    adHocFilters,
  };
}

/** Ad-hoc filter keys come from the flows schema, so they resolve to columns only. */
export function resolveColumnKey(key: string): ResolvedKey | undefined {
  const kind = flowColumnKinds.get(key);
  return kind ? { expression: key, kind } : undefined;
}

/**
 * The view's condition and the metric's own on records: columns a rollup keeps too (a metric's
 * `reads` are checked before a rollup is read), so the same text serves raw records and rollup rows.
 */
export function scopeConditions(question: Pick<FlowsQuestion, 'view' | 'definition'>): string[] {
  const viewCondition = flowViews[question.view];
  const { records } = question.definition;
  return [...(viewCondition ? [viewCondition] : []), ...(records ? [records] : [])];
}

/** Every condition of a question but time (which depends on the metric and the format). */
export function questionConditions(question: FlowsQuestion, dialect: Dialect): string[] {
  return [
    ...scopeConditions(question),
    ...question.filters.map((filter) => conditionSql(filter, dialect, resolveBuilderKey)),
    ...question.adHocFilters.map((filter) => conditionSql(filter, dialect, resolveColumnKey)),
  ];
}

/**
 * Groups with equal values keep one order, so top N picks the same groups every time (and the raw
 * table and a rollup pick the same ones).
 */
export function rankOrder(value: string, groupRefs: string[]): string {
  return [`${value} DESC`, ...groupRefs].join(', ');
}

export function compileFlowsQuery(
  flows: Record<string, unknown>,
  dialect: Dialect,
  format: QueryFormat,
  adHocFilters: Filter[] = []
): CompiledFlowsQuery {
  return compileQuestion(parseFlowsQuestion(flows, adHocFilters), dialect, format);
}

/**
 * A distinct count of connections with no groups, on ClickHouse: counted per start minute, then added.
 * Exact, since every record of a connection has the same flowStartSeconds (it is part of the key), so
 * each connection is in one minute's count. Faster because the records come in roughly time order, and
 * many small hash sets stay in the cache where one of millions of connections misses on every insert:
 * Home's "Stopped connections" on 10M flowgen rows in chDB took 652 ms against 1,335 ms as one count.
 * The rollup splits the same way (rollupQuery.ts). Open connections are left whole: their per-minute
 * counts with the lookup took 1.5 times as long (1,451 against 951 ms), and so would few connections.
 */
function startMinuteSplit(
  aggregate: string,
  where: string,
  metric: string,
  format: QueryFormat,
  dialect: Dialect
): string {
  const value = dialect.quoteIdentifier(metric);
  if (format === 'table') {
    return [
      `SELECT sum(c) AS ${value}`,
      `FROM (SELECT ${aggregate} AS c FROM flows WHERE ${where} GROUP BY ${connectionStartMinuteSql}) AS partitions`,
    ].join('\n');
  }
  const time = dialect.quoteIdentifier('time');
  const bucket = '$__timeInterval(flowEndSeconds)';
  return [
    `SELECT ${time}, sum(c) AS ${value}`,
    `FROM (SELECT ${bucket} AS ${time}, ${aggregate} AS c FROM flows WHERE ${where} GROUP BY ${bucket}, ${connectionStartMinuteSql}) AS partitions`,
    `GROUP BY ${time}`,
    `ORDER BY ${time}`,
  ].join('\n');
}

/** The question as SQL over the raw flows table, with macros left for the dialect to expand. */
export function compileQuestion(question: FlowsQuestion, dialect: Dialect, format: QueryFormat): CompiledFlowsQuery {
  const { metric, definition, groups, topN } = question;
  if ('listsRecords' in definition) {
    return { sql: compileNewestRecords(question, dialect, format), unit: definition.unit, metric };
  }
  if ('distinctNames' in definition) {
    return {
      sql: compileDistinctNames(question, definition.distinctNames, dialect, format),
      unit: definition.unit,
      metric,
    };
  }
  const conditions = questionConditions(question, dialect);
  const where = (timeCondition: string) => [timeCondition, ...conditions].join('\n  AND ');
  const groupSelect = groups.map((key) => `${groupFields[key]!.expression} AS ${dialect.quoteIdentifier(key)}`);
  const groupRefs = groups.map((key) => groupFields[key]!.expression);
  const value = dialect.quoteIdentifier(metric);
  const rate = 'rateOf' in definition ? definition.rateOf : undefined;

  // The records an aggregate counts: those ending in the range (a rate reads the records reaching into it).
  const counted = where('$__timeFilter(flowEndSeconds)');
  if (
    'aggregate' in definition &&
    definition.splitByStartMinute &&
    groups.length === 0 &&
    dialect.name === 'clickhouse'
  ) {
    const aggregate = aggregateSql(definition, { dialect, keys: [], where: counted });
    return { sql: startMinuteSplit(aggregate, counted, metric, format, dialect), unit: definition.unit, metric };
  }
  if (format === 'table') {
    const aggregate = rate
      ? `sum(${rate} * $__rangeShare) * 8 / $__timeRange_s`
      : aggregateValue(definition as AggregateDefinition, format, { dialect, keys: groupRefs, where: counted });
    const sql = [
      `SELECT ${[...groupSelect, `${aggregate} AS ${value}`].join(', ')}`,
      'FROM flows',
      `WHERE ${where(rate ? '$__rangeFilter' : '$__timeFilter(flowEndSeconds)')}`,
      groupRefs.length > 0 ? `GROUP BY ${groupRefs.join(', ')}` : '',
      `ORDER BY ${rankOrder(value, groupRefs)}`,
      topN ? `LIMIT ${topN}` : '',
    ];
    return { sql: sql.filter(Boolean).join('\n'), unit: definition.unit, metric };
  }

  const time = dialect.quoteIdentifier('time');
  let topFilter = '';
  if (topN && groupRefs.length > 0) {
    // Top N series by their total over the whole range, then their points over time.
    const tuple = groupRefs.length === 1 ? groupRefs[0]! : `(${groupRefs.join(', ')})`;
    const ranking = rankingSql(definition as AggregateDefinition | { rateOf: string }, {
      dialect,
      keys: groupRefs,
      where: counted,
    });
    topFilter = `\n  AND ${tuple} IN (SELECT ${groupRefs.join(', ')} FROM flows WHERE ${counted} GROUP BY ${groupRefs.join(', ')} ORDER BY ${rankOrder(ranking, groupRefs)} LIMIT ${topN})`;
  }
  const bucket = rate ? '$__spreadTime' : '$__timeInterval(flowEndSeconds)';
  const aggregate = rate
    ? `sum(${rate} * $__spreadShare) * 8 / $__interval_s`
    : aggregateValue(definition as AggregateDefinition, format, {
        dialect,
        keys: [bucket, ...groupRefs],
        where: counted,
      });
  const sql = [
    `SELECT ${bucket} AS ${time}, ${[...groupSelect, `${aggregate} AS ${value}`].join(', ')}`,
    rate ? 'FROM flows $__spreadJoin' : 'FROM flows',
    `WHERE ${where(rate ? '$__spreadFilter' : '$__timeFilter(flowEndSeconds)')}${topFilter}`,
    `GROUP BY ${[bucket, ...groupRefs].join(', ')}`,
    `ORDER BY ${time}`,
  ];
  return { sql: sql.join('\n'), unit: definition.unit, metric };
}
