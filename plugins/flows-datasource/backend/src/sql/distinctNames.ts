import type { Dialect } from './dialect.ts';
import { groupFields, questionConditions, rankOrder, type FlowsQuestion } from './flowsBuilder.ts';
import type { QueryFormat } from './parsedQuery.ts';

/**
 * Metrics that count the distinct things the records name: pods and nodes at either end, policies
 * on either side, Services (flowsBuilder.ts's metrics give each record's names, endpointNames.ts in @flowlens/flow-schema). A
 * thing counts once however many records name it, at whichever end. An empty name (an address
 * outside the cluster, no policy, no Service) is not a thing.
 */
export type Names = readonly string[];

/**
 * The question over the raw flows, portable SQL (ClickHouse and Snowflake): each record gives a row
 * per name (UNION ALL), and each group counts the distinct non-empty names among them. A series' top
 * N are the groups with the most over the whole range.
 */
export function compileDistinctNames(
  question: FlowsQuestion,
  names: Names,
  dialect: Dialect,
  format: QueryFormat
): string {
  const { groups, topN, metric } = question;
  const item = dialect.quoteIdentifier('item');
  const time = dialect.quoteIdentifier('time');
  const keys = groups.map((key) => dialect.quoteIdentifier(key));
  const groupSelect = groups.map((key, i) => `${groupFields[key]!.expression} AS ${keys[i]}`);
  const where = ['$__timeFilter(flowEndSeconds)', ...questionConditions(question, dialect)].join('\n    AND ');
  const items = (withTime: boolean) => {
    const part = (end: string) =>
      `SELECT ${[...(withTime ? [`$__timeInterval(flowEndSeconds) AS ${time}`] : []), ...groupSelect, `${end} AS ${item}`].join(', ')}\n  FROM flows\n  WHERE ${where}`;
    return `(\n  ${names.map(part).join('\n  UNION ALL\n  ')}\n) AS items`;
  };
  const value = dialect.quoteIdentifier(metric);
  // A group whose records name nothing (say, only outside addresses) still answers, with 0, as it does
  // from the rollup, where the empty names are dropped only when counting.
  const count = `count(DISTINCT CASE WHEN ${item} != '' THEN ${item} END)`;
  if (format === 'table') {
    return [
      `SELECT ${[...keys, `${count} AS ${value}`].join(', ')}`,
      `FROM ${items(false)}`,
      keys.length > 0 ? `GROUP BY ${keys.join(', ')}` : '',
      `ORDER BY ${rankOrder(value, keys)}`,
      topN ? `LIMIT ${topN}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }
  let topFilter = '';
  if (topN && keys.length > 0) {
    const tuple = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
    topFilter = `${tuple} IN (SELECT ${keys.join(', ')} FROM ${items(false)} GROUP BY ${keys.join(', ')} ORDER BY ${rankOrder(count, keys)} LIMIT ${topN})`;
  }
  return [
    `SELECT ${[time, ...keys, `${count} AS ${value}`].join(', ')}`,
    `FROM ${items(true)}`,
    ...(topFilter ? [`WHERE ${topFilter}`] : []),
    `GROUP BY ${[time, ...keys].join(', ')}`,
    `ORDER BY ${time}`,
  ].join('\n');
}
