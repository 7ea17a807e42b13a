import type { Dialect, MacroContext } from './dialect.ts';
import { BuilderError, questionConditions, type FlowsQuestion } from './flowsBuilder.ts';
import type { QueryFormat } from './parsedQuery.ts';
import { rollupQuestionConditions, type Rollup } from './rollup.ts';
import { endMinutesIn, splitTimeRange } from './rollupRange.ts';

/**
 * The "newest records" metric: the flow records themselves, newest first, as the Flow Records table
 * lists them. Not an aggregate, so no groups; Top N is how many (`defaultNewestRecords` when unset).
 */
export const defaultNewestRecords = 10_000;

/**
 * The columns listed, in this order: what an operator reads in a record (who, where, how much, which
 * policy decided, why it ended). Every other column is still a filter key.
 */
export const listedColumns = [
  'flowEndSeconds',
  'sourcePodNamespace',
  'sourcePodName',
  'sourceIP',
  'sourceTransportPort',
  'destinationPodNamespace',
  'destinationPodName',
  'destinationIP',
  'destinationTransportPort',
  'destinationServicePortName',
  'protocolIdentifier',
  'flowType',
  'octetDeltaCount',
  'reverseOctetDeltaCount',
  'packetDeltaCount',
  'throughput',
  'ingressNetworkPolicyNamespace',
  'ingressNetworkPolicyName',
  'ingressNetworkPolicyType',
  'ingressNetworkPolicyRuleName',
  'ingressNetworkPolicyRuleAction',
  'egressNetworkPolicyNamespace',
  'egressNetworkPolicyName',
  'egressNetworkPolicyType',
  'egressNetworkPolicyRuleName',
  'egressNetworkPolicyRuleAction',
  'flowEndReason',
  'tcpState',
  'sourceNodeName',
  'destinationNodeName',
] as const;

/**
 * Newest first, then every listed column: records of the same second come in one order on every
 * server and every path (raw, rolled-up cutoff, a Distributed table), so the same N make the cut.
 * Records equal in all of them are equal rows, whichever is picked.
 */
const newestFirst = ['flowEndSeconds DESC', ...listedColumns.slice(1)].join(', ');

function limitOf(question: FlowsQuestion): number {
  return question.topN ?? defaultNewestRecords;
}

/**
 * The listing over the raw records (both engines): the records that end in the range and match the
 * view and every filter, newest first. `cutoff`, a condition every one of the N newest meets, narrows
 * what both scans read.
 */
export function compileNewestRecords(
  question: FlowsQuestion,
  dialect: Dialect,
  format: QueryFormat,
  cutoff?: string
): string {
  if (format !== 'table') {
    throw new BuilderError('newest records are a list of records: choose the table format, not time series');
  }
  const select = listedColumns.map((column) => `${column} AS ${dialect.quoteIdentifier(column)}`);
  const where = [
    '$__timeFilter(flowEndSeconds)',
    ...questionConditions(question, dialect),
    ...(cutoff ? [cutoff] : []),
  ].join('\n  AND ');
  const limit = limitOf(question);
  // The end seconds of the N newest records, found over one column, so that the sort by every column
  // below sorts only the records of those seconds (on 10M flowgen records, sorting all of them by every
  // column took 1.4 s, this 150 ms). Every record the question matches that ends at or after the N-th
  // newest has its end second in the set. A set, not min(): a scalar subquery is run by ClickHouse's
  // analysis, so the backend sends such a statement in a self-describing format instead of describing
  // it, which on 23.x+ reads slower than Arrow; a set keeps the listing on the Arrow path.
  const newestEnds = `flowEndSeconds IN (SELECT t FROM (SELECT flowEndSeconds AS t FROM flows WHERE ${where} ORDER BY flowEndSeconds DESC LIMIT ${limit}) AS newest)`;
  return [
    `SELECT ${select.join(',\n  ')}`,
    'FROM flows',
    `WHERE ${where}`,
    `  AND ${newestEnds}`,
    `ORDER BY ${newestFirst}`,
    `LIMIT ${limit}`,
  ].join('\n');
}

/**
 * The listing with a cutoff the rollup gives (ClickHouse, both servers): the newest whole minute M of
 * the range such that the records matching the question that end in minutes M and later number at
 * least N, by the rollup's per-minute counts. At least N of the range's records then end at or after M,
 * so the N newest all do, and the raw scans read only the records from M on. With fewer than N records
 * in the whole minutes the rollup holds, the cutoff is 0 and the listing reads the whole range, as
 * without a rollup. A scalar subquery: ClickHouse then skips what ends before M as it reads. The engine
 * sends it once, undescribed (engines/clickhouse/scalarSubqueries.ts). Undefined when the range holds
 * no whole minute the rollup covers.
 */
export function newestRecordsFromRollup(
  question: FlowsQuestion,
  format: QueryFormat,
  context: MacroContext,
  rollup: Rollup,
  dialect: Dialect
): string | undefined {
  const { minutes } = splitTimeRange(context.timeRange, rollup.coveredFromSeconds);
  if (minutes.to <= minutes.from) {
    return undefined;
  }
  const where = [...endMinutesIn(minutes), ...rollupQuestionConditions(question, dialect)];
  const perMinute = `SELECT toUInt32(minute) AS m, sum(flowRecords) AS n FROM ${rollup.table} WHERE ${where.join(' AND ')} GROUP BY minute`;
  // Minutes newest first beside the records in them and every newer minute: the first minute whose
  // running total reaches N. Sorted here, not by the subquery's ORDER BY, which an aggregation over
  // several threads need not keep. arrayFirst gives 0 when no minute reaches N.
  const newestMinuteReaching = [
    `SELECT arrayFirst((m, c) -> c >= ${limitOf(question)}, arrayReverseSort(ms), arrayCumSum(arraySort((n, m) -> -m, ns, ms)))`,
    `FROM (SELECT groupArray(m) AS ms, groupArray(n) AS ns FROM (${perMinute}))`,
  ].join(' ');
  return compileNewestRecords(question, dialect, format, `flowEndSeconds >= toDateTime((${newestMinuteReaching}))`);
}
