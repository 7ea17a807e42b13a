import type { Frame } from '../frames/frame.ts';
import type { Filter } from '../sql/conditions.ts';
import type { Dialect } from '../sql/dialect.ts';
import { connectionColumns } from '@flowlens/flow-schema';
import { filterConditions, type Rollup } from '../sql/rollup.ts';
import { connectionIdRows } from '../sql/rollupQuery.ts';
import { endMinutesIn, endsIn, splitTimeRange, type Span } from '../sql/rollupRange.ts';
import type { RecommendOptions } from './recommendOptions.ts';

/**
 * The kinds of connection a recommendation must allow, counted in the database: flows grouped by who
 * talked to whom on which port (pods by namespace and labels, outside addresses by IP), so Node only
 * ever holds one row per kind of connection, never the flows themselves.
 */
export interface ConnectionKind {
  source: ConnectionEnd;
  destination: ConnectionEnd;
  /** `namespace/service:port` when the flow went through a Service. */
  servicePortName: string;
  port: number;
  protocol: number;
  /** Distinct connections seen (5-tuple and start). */
  connections: number;
}

export type ConnectionEnd =
  { kind: 'pod'; namespace: string; labelsJson: string; podName: string } | { kind: 'external'; ip: string };

const columns = {
  sourceNamespace: 'sourcePodNamespace',
  sourceLabels: "CASE WHEN sourcePodName = '' THEN '' ELSE sourcePodLabels END",
  // Aliases never reuse a column name: ClickHouse would read the alias wherever the column is named.
  sourceAddress: "CASE WHEN sourcePodName = '' THEN sourceIP ELSE '' END",
  destinationNamespace: 'destinationPodNamespace',
  destinationLabels: "CASE WHEN destinationPodName = '' THEN '' ELSE destinationPodLabels END",
  destinationAddress: "CASE WHEN destinationPodName = '' THEN destinationIP ELSE '' END",
  servicePortName: 'destinationServicePortName',
  port: 'destinationTransportPort',
  protocol: 'protocolIdentifier',
} as const;

/** Flows a policy must let through: not denied on either side, unless an operator marked them trusted. */
const allowedOrTrusted =
  '((ingressNetworkPolicyRuleAction NOT IN (2, 3) AND egressNetworkPolicyRuleAction NOT IN (2, 3)) OR trusted = 1)';
const notYetCovered = "ingressNetworkPolicyName = '' AND egressNetworkPolicyName = ''";

/**
 * Where the connections are counted: a rollup's whole minutes of the range and the raw records ending
 * in the seconds around them (rollupRange.ts), or, when undefined, the raw records alone.
 */
export interface ConnectionsRollup {
  rollup: Rollup;
  minutes: Span;
  edges: Span[];
}

/** The columns a recommendation reads besides those of `rollupColumns` every rollup has. */
const recommendationColumns = ['sourcePodLabels', 'destinationPodLabels', 'trusted'];

/**
 * The rollup that counts a recommendation's connections exactly, if any: one that keeps the pods'
 * labels, the trusted mark and connection ids (a rollup made before them does not), and every ad-hoc
 * filter's column, with at least one whole minute in the range.
 */
export function connectionsRollup(
  rollups: readonly Rollup[],
  adHocFilters: readonly Filter[],
  range: { fromMs: number; toMs: number }
): ConnectionsRollup | undefined {
  const needed = [...recommendationColumns, ...adHocFilters.map((filter) => filter.key)];
  const rollup = rollups.find(
    (candidate) => candidate.connectionIds && needed.every((column) => candidate.columns.has(column))
  );
  if (!rollup) return undefined;
  const { minutes, edges } = splitTimeRange(range, rollup.coveredFromSeconds);
  return minutes.to > minutes.from ? { rollup, minutes, edges } : undefined;
}

export function observedConnectionsSql(
  options: RecommendOptions,
  dialect: Dialect,
  adHocFilters: Filter[],
  source?: ConnectionsRollup
): string {
  const list = (values: string[]) => values.map((value) => dialect.quoteString(value)).join(', ');
  const conditions = [allowedOrTrusted];
  if (options.runType === 'subsequent') conditions.push(notYetCovered);
  if (options.clusters.length > 0) conditions.push(`clusterUUID IN (${list(options.clusters)})`);
  if (options.namespaces.length > 0) {
    conditions.push(
      `(sourcePodNamespace IN (${list(options.namespaces)}) OR destinationPodNamespace IN (${list(options.namespaces)}))`
    );
  }
  conditions.push(...filterConditions({ filters: [], adHocFilters }, dialect, false));
  const q = dialect.quoteIdentifier;
  const names = Object.keys(columns).map(q);
  const kinds = Object.entries(columns).map(([name, expression]) => `${expression} AS ${q(name)}`);
  const pods = [
    `min(CASE WHEN sourcePodName = '' THEN '' ELSE sourcePodName END) AS ${q('sourcePod')}`,
    `min(CASE WHEN destinationPodName = '' THEN '' ELSE destinationPodName END) AS ${q('destinationPod')}`,
  ];
  const ids = source && connectionIdRows(source.rollup);
  if (!source || !ids) {
    const groups = Object.values(columns);
    return [
      `SELECT ${kinds.join(', ')},`,
      `  ${pods.join(',\n  ')},`,
      `  count(DISTINCT ${dialect.hash(connectionColumns)}) AS ${q('connections')}`,
      'FROM flows',
      `WHERE ${['$__timeFilter(flowEndSeconds)', ...conditions].join('\n  AND ')}`,
      `GROUP BY ${groups.join(', ')}`,
      // Busiest first, so a flow limit keeps what matters most.
      `ORDER BY ${q('connections')} DESC, ${groups.join(', ')}`,
    ].join('\n');
  }
  return rolledUpConnectionsSql(source, ids, conditions, names, kinds, q);
}

/**
 * The same counts from a rollup's whole minutes and the raw records of the seconds around them (the
 * rollup keeps every column read here under its flows name). Each kind of connection is named by
 * `cityHash64` of its keys (g): the ids (connectionIdRows: `cityHash64` of each connection's key, the
 * number the raw query counts) are counted per kind and start minute, one row per id but with no
 * string beside it, then added per kind, and a kind's names and pods are read once per row and
 * joined back. Counted per kind alone, a kind's hash set grows to millions of ids and misses the
 * processor's cache; with its names beside each id, ARRAY JOIN copies the labels once per id. On 10M
 * flowgen rows in chDB the counts took 486 ms against 1.0-1.4 s over each row's array of ids, and 862
 * ms with a second 64-bit hash in the key (three keys to group by, not two). Two kinds share a g with a
 * chance of about n² / 2^65 for n kinds (10^-10 for 100,000): far below the raw count's own, a 64-bit
 * hash of every connection (dialect.hash).
 */
function rolledUpConnectionsSql(
  source: ConnectionsRollup,
  ids: NonNullable<ReturnType<typeof connectionIdRows>>,
  conditions: string[],
  names: string[],
  kinds: string[],
  q: (name: string) => string
): string {
  const keys = Object.values(columns).join(', ');
  const kindHash = `cityHash64(${keys}) AS g`;
  const where = (time: string) => [time, ...conditions].join(' AND ');
  const rawTime = source.edges.length > 0 ? endsIn(source.edges) : undefined;
  const rollupTime = endMinutesIn(source.minutes).join(' AND ');
  const table = source.rollup.table;
  const partition = ids.partition ?? { raw: '0', rollup: '0' };
  const idParts = [
    ...(rawTime
      ? [`SELECT ${kindHash}, ${partition.raw} AS p, ${ids.raw} AS v FROM flows WHERE ${where(rawTime)}`]
      : []),
    `SELECT g, ${partition.rollup} AS p, ${ids.rollup} AS v FROM (SELECT ${kindHash}, ${ids.columns.join(', ')} FROM ${table} WHERE ${where(rollupTime)}) ARRAY JOIN ${ids.arrayJoin}`,
  ];
  const kindParts = [
    ...(rawTime
      ? [
          `SELECT ${kindHash}, ${kinds.join(', ')}, sourcePodName AS sp, destinationPodName AS dp FROM flows WHERE ${where(rawTime)}`,
        ]
      : []),
    `SELECT ${kindHash}, ${kinds.join(', ')}, sourcePodName AS sp, destinationPodName AS dp FROM ${table} WHERE ${where(rollupTime)}`,
  ];
  const union = (parts: string[]) => `(\n    ${parts.join('\n    UNION ALL\n    ')}\n  )`;
  return [
    `SELECT ${names.join(', ')}, sp AS ${q('sourcePod')}, dp AS ${q('destinationPod')}, c AS ${q('connections')}`,
    `FROM (\n  SELECT g, sum(c) AS c FROM (SELECT g, uniqExact(v) AS c FROM ${union(idParts)} AS ids GROUP BY g, p) AS perMinute GROUP BY g\n) AS counts`,
    `ANY INNER JOIN (\n  SELECT g, ${names.map((name) => `any(${name}) AS ${name}`).join(', ')}, min(sp) AS sp, min(dp) AS dp FROM ${union(kindParts)} AS kindRows GROUP BY g\n) AS kinds USING g`,
    `ORDER BY ${q('connections')} DESC, ${names.join(', ')}`,
  ].join('\n');
}

/** Rows of the query above as connection kinds. */
export function connectionKinds(frame: Pick<Frame, 'fields'>): ConnectionKind[] {
  const column = (name: string) => {
    const field = frame.fields.find((candidate) => candidate.name === name);
    if (!field) throw new Error(`the connections query returned no "${name}" column`);
    return field.values;
  };
  const read = Object.fromEntries(
    [...Object.keys(columns), 'sourcePod', 'destinationPod', 'connections'].map((name) => [name, column(name)])
  );
  const rows = read.connections!.length;
  const kinds: ConnectionKind[] = [];
  const text = (name: string, row: number) => String(read[name]!.get(row) ?? '');
  const number = (name: string, row: number) => Number(read[name]!.get(row) ?? 0);
  for (let row = 0; row < rows; row++) {
    const end = (side: 'source' | 'destination'): ConnectionEnd => {
      const ip = text(`${side}Address`, row);
      return ip !== '' || text(`${side}Pod`, row) === ''
        ? { kind: 'external', ip }
        : {
            kind: 'pod',
            namespace: text(`${side}Namespace`, row),
            labelsJson: text(`${side}Labels`, row),
            podName: text(`${side}Pod`, row),
          };
    };
    kinds.push({
      source: end('source'),
      destination: end('destination'),
      servicePortName: text('servicePortName', row),
      port: number('port', row),
      protocol: number('protocol', row),
      connections: number('connections', row),
    });
  }
  return kinds;
}
