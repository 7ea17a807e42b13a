import { conditionSql, type Filter } from '../sql/conditions.ts';
import type { Dialect } from '../sql/dialect.ts';
import { flowColumnKinds } from '@flowlens/flow-schema';
import type { AnomalyEndpoint, DetectOptions } from './detectOptions.ts';

/**
 * One value per endpoint and window, computed in the database: denied flow records, or bits per
 * second through the endpoint (both directions of its connections, each record spread over the
 * seconds it covers, as every FlowLens rate). Node then only reads per-endpoint series.
 */
type Side = 'source' | 'destination';

const endpointOf: Record<AnomalyEndpoint, (side: Side) => string> = {
  pod: (side) => `CASE WHEN ${side}PodName = '' THEN '' ELSE ${side}PodNamespace || '/' || ${side}PodName END`,
  // Raw labels; the backend drops generated ones and merges what then looks the same.
  podLabels: (side) => `CASE WHEN ${side}PodName = '' THEN '' ELSE ${side}PodNamespace || ' ' || ${side}PodLabels END`,
  namespace: (side) => `${side}PodNamespace`,
  externalIP: (side) => `CASE WHEN ${side}PodName = '' THEN ${side}IP ELSE '' END`,
  // A Service is a destination; its port name (namespace/service:port) names it.
  service: (side) => (side === 'destination' ? 'destinationServicePortName' : "''"),
};

export function windowedValuesSql(options: DetectOptions, dialect: Dialect, adHocFilters: Filter[]): string {
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
  const window = `$__timeGroup(flowEndSeconds, '${options.windowSeconds}s')`;

  if (options.metric === 'deniedFlows') {
    // Ingress denials count for the destination, egress denials for the source.
    const part = (side: Side, direction: 'ingress' | 'egress') =>
      [
        `  SELECT ${endpoint(side)} AS ${q('endpoint')}, ${window} AS ${q('window')}, count(*) AS ${q('records')}`,
        '  FROM flows',
        `  WHERE $__timeFilter(flowEndSeconds)\n    AND ${direction}NetworkPolicyRuleAction IN (2, 3)${and}`,
        `  GROUP BY ${endpoint(side)}, ${window}`,
      ].join('\n');
    return [
      `SELECT ${q('endpoint')}, ${q('window')}, sum(${q('records')}) AS ${q('value')}`,
      `FROM (\n${part('destination', 'ingress')}\n  UNION ALL\n${part('source', 'egress')}\n) AS denied`,
      `WHERE ${q('endpoint')} != ''`,
      `GROUP BY ${q('endpoint')}, ${q('window')}`,
      `ORDER BY ${q('endpoint')}, ${q('window')}`,
    ].join('\n');
  }

  const part = (side: Side) =>
    [
      `  SELECT ${endpoint(side)} AS ${q('endpoint')}, flowStartSeconds, flowEndSeconds, octetDeltaCount + reverseOctetDeltaCount AS ${q('octets')}`,
      '  FROM flows',
      `  WHERE $__rangeFilter${and}`,
    ].join('\n');
  return [
    `SELECT ${q('endpoint')}, $__spreadTime AS ${q('window')}, sum(${q('octets')} * $__spreadShare) * 8 / $__interval_s AS ${q('value')}`,
    `FROM (\n${part('source')}\n  UNION ALL\n${part('destination')}\n) AS traffic $__spreadJoin`,
    `WHERE $__spreadFilter AND ${q('endpoint')} != ''`,
    `GROUP BY ${q('endpoint')}, $__spreadTime`,
    `ORDER BY ${q('endpoint')}, ${q('window')}`,
  ].join('\n');
}
