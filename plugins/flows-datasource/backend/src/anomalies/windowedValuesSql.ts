import { conditionSql, type Filter } from '../sql/conditions.ts';
import type { Dialect } from '../sql/dialect.ts';
import { flowColumnKinds } from '@flowlens/flow-schema';
import { endMinutesIn, endsIn, type Span } from '../sql/rollupRange.ts';
import type { AnomalyEndpoint, DetectOptions } from './detectOptions.ts';

/**
 * Per endpoint and window, computed in the database: denied flow records, or bits per second through
 * the endpoint (both directions of its connections, each record spread over the seconds it covers, as
 * every FlowLens rate). Throughput comes as two parts per endpoint and window, the bits of the records
 * ending in it that fall in it (`value`) and those that fall in the window before (`valueBefore`, when
 * `reachesBefore`); windowParts.ts adds them up. Node then only reads per-endpoint series.
 */
type Side = 'source' | 'destination';

/**
 * An endpoint as the raw columns each side groups by (cheaper than building its name per record) and
 * its name made from them once per window; `keep` drops, per record, what would be named ''.
 * `denied`: which denials count for it; by default ingress ones at the destination, egress ones at
 * the source.
 */
interface EndpointColumns {
  sides: Side[];
  columns: (side: Side) => Record<string, string>;
  keep?: (side: Side) => string;
  name: (column: (alias: string) => string) => string;
  denied?: string;
}

const endpointOf: Record<AnomalyEndpoint, EndpointColumns> = {
  pod: {
    sides: ['source', 'destination'],
    columns: (side) => ({ podNamespace: `${side}PodNamespace`, podName: `${side}PodName` }),
    keep: (side) => `${side}PodName != ''`,
    name: (column) => `${column('podNamespace')} || '/' || ${column('podName')}`,
  },
  // Raw labels; the backend drops generated ones and merges what then looks the same.
  podLabels: {
    sides: ['source', 'destination'],
    columns: (side) => ({ podNamespace: `${side}PodNamespace`, podLabels: `${side}PodLabels` }),
    keep: (side) => `${side}PodName != ''`,
    name: (column) => `${column('podNamespace')} || ' ' || ${column('podLabels')}`,
  },
  namespace: {
    sides: ['source', 'destination'],
    columns: (side) => ({ podNamespace: `${side}PodNamespace` }),
    keep: (side) => `${side}PodNamespace != ''`,
    name: (column) => column('podNamespace'),
  },
  externalIP: {
    sides: ['source', 'destination'],
    columns: (side) => ({ ip: `${side}IP` }),
    keep: (side) => `${side}PodName = '' AND ${side}IP != ''`,
    name: (column) => column('ip'),
  },
  // A Service is a destination; its port name (namespace/service:port) names it.
  service: {
    sides: ['destination'],
    columns: () => ({ servicePortName: 'destinationServicePortName' }),
    keep: () => "destinationServicePortName != ''",
    name: (column) => column('servicePortName'),
  },
  // The whole cluster, by clusterUUID: every record once (one side), whichever end a policy denied it at.
  cluster: {
    sides: ['destination'],
    columns: () => ({ cluster: 'clusterUUID' }),
    name: (column) => `CASE WHEN ${column('cluster')} = '' THEN 'cluster' ELSE ${column('cluster')} END`,
    denied: '(ingressNetworkPolicyRuleAction IN (2, 3) OR egressNetworkPolicyRuleAction IN (2, 3))',
  },
};

/**
 * Where denied flows may come from a per-minute rollup: its whole minutes of the range the query reads
 * (`splitRange`), the seconds around them from the raw records. Given only when the rollup answers
 * exactly (rollupWindows.ts).
 */
export interface RollupSource {
  table: string;
  minutes: Span;
  edges: Span[];
}

export function windowedValuesSql(
  options: DetectOptions,
  dialect: Dialect,
  adHocFilters: Filter[],
  rollup?: RollupSource
): string {
  const q = dialect.quoteIdentifier;
  const list = (values: string[]) => values.map((value) => dialect.quoteString(value)).join(', ');
  const filters: string[] = [];
  if (options.clusters.length > 0) filters.push(`clusterUUID IN (${list(options.clusters)})`);
  if (options.namespaces.length > 0) {
    filters.push(
      `(sourcePodNamespace IN (${list(options.namespaces)}) OR destinationPodNamespace IN (${list(options.namespaces)}))`
    );
  }
  if (options.excludedNamespaces.length > 0) {
    filters.push(
      `sourcePodNamespace NOT IN (${list(options.excludedNamespaces)}) AND destinationPodNamespace NOT IN (${list(options.excludedNamespaces)})`
    );
  }
  for (const filter of adHocFilters) {
    filters.push(
      conditionSql(filter, dialect, (key) => {
        const kind = flowColumnKinds.get(key);
        return kind ? { expression: key, kind } : undefined;
      })
    );
  }
  const and = filters.map((filter) => `\n    AND ${filter}`).join('');
  const endpoint = endpointOf[options.endpoint];
  const keys = Object.keys(endpoint.columns('destination')).map(q).join(', ');
  // The query's interval is the window (the handler expands it so), as $__spreadEndShare's buckets.
  const part = (side: Side, values: string[], where: string, from = { table: 'flows', time: 'flowEndSeconds' }) => {
    const columns = Object.entries(endpoint.columns(side)).map(([alias, name]) => `${name} AS ${q(alias)}`);
    const bucket = `$__timeInterval(${from.time})`;
    return [
      `  SELECT ${[...columns, `${bucket} AS ${q('window')}`, ...values].join(', ')}`,
      `  FROM ${from.table}`,
      `  WHERE ${[where, ...(endpoint.keep ? [endpoint.keep(side)] : [])].join('\n    AND ')}${and}`,
      `  GROUP BY ${[...Object.values(endpoint.columns(side)), bucket].join(', ')}`,
    ].join('\n');
  };
  // Each side sums per raw columns and window, then the sides together; a pod talking to itself counts twice.
  const outer = (parts: string[], values: string[]) =>
    [
      `SELECT ${endpoint.name(q)} AS ${q('endpoint')}, ${q('window')}, ${values.join(', ')}`,
      `FROM (\n${parts.join('\n  UNION ALL\n')}\n) AS sides`,
      `GROUP BY ${keys}, ${q('window')}`,
      `HAVING ${endpoint.name(q)} != ''`,
      `ORDER BY ${q('endpoint')}, ${q('window')}`,
    ].join('\n');

  if (options.metric === 'deniedFlows') {
    const direction: Record<Side, string> = { destination: 'ingress', source: 'egress' };
    const denied = (side: Side) => endpoint.denied ?? `${direction[side]}NetworkPolicyRuleAction IN (2, 3)`;
    const parts = endpoint.sides.flatMap((side) => {
      if (!rollup) {
        return [part(side, [`count(*) AS ${q('records')}`], `$__timeFilter(flowEndSeconds)\n    AND ${denied(side)}`)];
      }
      // The whole minutes' records from the rollup (a window is whole minutes, so each minute's
      // records fall in one window), those ending around them from the raw records.
      const rolled = part(
        side,
        [`sum(flowRecords) AS ${q('records')}`],
        [...endMinutesIn(rollup.minutes), denied(side)].join('\n    AND '),
        { table: rollup.table, time: 'minute' }
      );
      const raw =
        rollup.edges.length > 0
          ? [part(side, [`count(*) AS ${q('records')}`], `${endsIn(rollup.edges)}\n    AND ${denied(side)}`)]
          : [];
      return [...raw, rolled];
    });
    return outer(parts, [`sum(${q('records')}) AS ${q('value')}`]);
  }

  // Each record's bytes in the window its end falls in, and the rest in the window before: summed per
  // window first, so no record is doubled by $__spreadJoin. A share below 1 is a record whose seconds
  // start before its end's window, the rows $__spreadFilter keeps for the window before.
  const octets = '(octetDeltaCount + reverseOctetDeltaCount)';
  const parts = endpoint.sides.map((side) =>
    part(
      side,
      [
        `sum(${octets} * $__spreadEndShare) AS ${q('octets')}`,
        `sum(${octets} * (1 - $__spreadEndShare)) AS ${q('octetsBefore')}`,
        `max(CASE WHEN $__spreadEndShare < 1 THEN 1 ELSE 0 END) AS ${q('reachesBefore')}`,
      ],
      '$__rangeFilter'
    )
  );
  return outer(parts, [
    `sum(${q('octets')}) * 8 / $__interval_s AS ${q('value')}`,
    `sum(${q('octetsBefore')}) * 8 / $__interval_s AS ${q('valueBefore')}`,
    `max(${q('reachesBefore')}) AS ${q('reachesBefore')}`,
  ]);
}
