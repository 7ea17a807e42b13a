import { conditionSql, type Filter } from './conditions.ts';
import type { Dialect } from './dialect.ts';
import { resolveBuilderKey, resolveColumnKey, scopeConditions, type FlowsQuestion } from './flowsBuilder.ts';

/**
 * A per-minute rollup of the flows table (provisioning/clickhouse/05-flows-rollups.sql), as the
 * server's `flows_rollups` table describes it. docs/rollups.md explains the design.
 */
export interface Rollup {
  /** The table to read, e.g. `flows_minutes`. */
  table: string;
  /** The export interval its throughput columns were spread with. */
  exportIntervalSeconds: number;
  /** From this instant on (epoch seconds) the rollup holds every record; before it, only the raw table does. */
  coveredFromSeconds: number;
  /**
   * How it keeps each record's connection, as two arrays of 64-bit numbers:
   * - `startMinute`: `connectionStartHashes` (the connection's start minute above a murmur hash, XORed
   *   with the city hash: connectionStartHashSql) and `connectionCityHashes`, so a count can be split
   *   by start minute;
   * - `sipHash`: `connectionSipHashes` and `connectionCityHashes`, as 05-flows-rollups.sql made them
   *   before 2026-12-07;
   * - undefined: uniqExact states, as an earlier 05 made them, slower to read than the raw records they
   *   summarize: there, distinct connections read the raw records.
   */
  connectionIds: ConnectionIds | undefined;
  /**
   * The id arrays are groupArray states (`AggregateFunction(groupArray, UInt64)`), as 05-flows-rollups.sql
   * made them before 2026-12-08 and still makes them on servers before 21.1, read through
   * finalizeAggregation; otherwise plain arrays (`SimpleAggregateFunction(groupArrayArray, …)`), read as
   * they are, without turning each row's state into an array first.
   */
  connectionIdStates: boolean;
  /**
   * The server has UInt128 (a type since ClickHouse 21.6; not 18.x): a connection's two hashes are then counted as
   * one 128-bit integer, which uniqExact keeps as it is. A pair it first hashes again (sipHash128)
   * into the same 128 bits: about twice the work per connection, which is most of a connection count.
   */
  uint128: boolean;
  /**
   * The flows columns it keeps (of rollupColumns): a rollup made by an earlier 05-flows-rollups.sql
   * lacks the later ones (destinationClusterIP, flowEndReason), and questions that need them read
   * the raw records there.
   */
  columns: ReadonlySet<string>;
}

/** The layouts of a rollup's connection ids (Rollup.connectionIds), and the columns each is read from. */
export const connectionIdColumns = {
  startMinute: ['connectionStartHashes', 'connectionCityHashes'],
  sipHash: ['connectionSipHashes', 'connectionCityHashes'],
} as const;

export type ConnectionIds = keyof typeof connectionIdColumns;

/** A rollup's column of connection ids as an `Array(UInt64)` expression (Rollup.connectionIdStates). */
export function connectionIdArray(rollup: Rollup, column: string): string {
  return rollup.connectionIdStates ? `finalizeAggregation(${column})` : column;
}

/** The flows columns a rollup row keeps as they are: every column a builder group, view or either-side filter reads. */
export const rollupColumns: ReadonlySet<string> = new Set([
  'clusterUUID',
  'flowType',
  'sourcePodNamespace',
  'sourcePodName',
  'sourceIP',
  'sourceNodeName',
  'destinationPodNamespace',
  'destinationPodName',
  'destinationIP',
  'destinationNodeName',
  'destinationServicePortName',
  'destinationClusterIP',
  'destinationTransportPort',
  'protocolIdentifier',
  'ingressNetworkPolicyNamespace',
  'ingressNetworkPolicyName',
  'ingressNetworkPolicyRuleAction',
  'egressNetworkPolicyNamespace',
  'egressNetworkPolicyName',
  'egressNetworkPolicyRuleAction',
  'flowEndReason',
  'sourcePodLabels',
  'destinationPodLabels',
  'trusted',
]);

/** The builder's filter keys that read only rollup columns (group fields and either-side keys). */
const builderKeysOverColumns: ReadonlySet<string> = new Set([
  'sourcePod',
  'destinationPod',
  'sourceNamespace',
  'destinationNamespace',
  'sourceNode',
  'destinationNode',
  'destinationService',
  'destinationPort',
  'destinationIP',
  'sourceIP',
  'protocol',
  'ingressPolicy',
  'egressPolicy',
  'ingressRuleAction',
  'egressRuleAction',
  'ruleAction',
  'flowType',
  'cluster',
  'namespace',
  'pod',
  'node',
  'ip',
]);

/**
 * "Records with reverse bytes" (the dashboards' reply views): the rollup keeps it as a column of its
 * own, `reverseOctetsSeen`, so a filter `reverseOctetDeltaCount > 0` becomes `reverseOctetsSeen = 1`.
 */
export function isReverseSeenFilter(filter: Filter): boolean {
  return (
    filter.key === 'reverseOctetDeltaCount' &&
    filter.operator === '>' &&
    (Array.isArray(filter.value) ? filter.value : [filter.value]).join() === '0'
  );
}

/** A question's conditions besides time and view: the builder's filters (its keys) and the ad-hoc filters (columns). */
export type FilterSet = Pick<FlowsQuestion, 'filters' | 'adHocFilters'>;

/**
 * The filters as SQL over the raw records, or over a rollup's rows, where "records with reverse bytes"
 * is a column of its own (isReverseSeenFilter) and every other key names the same column.
 */
export function filterConditions(question: FilterSet, dialect: Dialect, forRollup: boolean): string[] {
  const condition = (filter: Filter, resolve: typeof resolveBuilderKey) =>
    forRollup && isReverseSeenFilter(filter) ? 'reverseOctetsSeen = 1' : conditionSql(filter, dialect, resolve);
  return [
    ...question.filters.map((filter) => condition(filter, resolveBuilderKey)),
    ...question.adHocFilters.map((filter) => condition(filter, resolveColumnKey)),
  ];
}

/** questionConditions (flowsBuilder.ts) over a rollup's rows: the view's, the metric's, every filter's. */
export function rollupQuestionConditions(question: FlowsQuestion, dialect: Dialect): string[] {
  return [...scopeConditions(question), ...filterConditions(question, dialect, true)];
}

/** Why a question cannot be read from a rollup, or undefined when every group and filter can. */
export function unanswerableBy(question: FilterSet, rollup: Rollup): string | undefined {
  for (const filter of question.filters) {
    if (!builderKeysOverColumns.has(filter.key) && !rollup.columns.has(filter.key) && !isReverseSeenFilter(filter)) {
      return `filter on ${filter.key}`;
    }
  }
  for (const filter of question.adHocFilters) {
    if (!rollup.columns.has(filter.key) && !isReverseSeenFilter(filter)) {
      return `ad-hoc filter on ${filter.key}`;
    }
  }
  // Every group field and view reads rollup columns only (test/rollupColumns.test.ts holds that).
  return undefined;
}
