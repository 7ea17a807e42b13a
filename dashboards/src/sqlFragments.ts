import { deniedSql } from '@flowlens/flow-schema';
import { commonSqlFilters } from './variables.ts';

/**
 * Portable SQL pieces (ClickHouse and Snowflake): `||` concatenation, CASE, CAST AS VARCHAR,
 * double-quoted aliases.
 */
export const inRange = `$__timeFilter(flowEndSeconds)\n  AND ${commonSqlFilters}`;

/**
 * Bursts of dropped or rejected flows: minutes with at least 300 of them (5 a second). A cluster's
 * steady drops (probes, blocked scans) stay well below; a misconfigured policy or a scan does not.
 * The same question drives the alert rule in provisioning/grafana/alerting.
 */
export const dropBurstPerMinute = 300;

export const droppedFlowBursts = `SELECT $__timeGroup(flowEndSeconds, '1m') AS "time",
  CAST(count(*) AS VARCHAR) || ' flows dropped or rejected by NetworkPolicy in a minute' AS "text",
  'flowlens,drop' AS "tags"
FROM flows
WHERE ${inRange}
  AND ${deniedSql}
GROUP BY $__timeGroup(flowEndSeconds, '1m')
HAVING count(*) >= ${dropBurstPerMinute}
ORDER BY "time"`;

/**
 * NetworkPolicy changes that took effect (2xx), from policy_events: who did what to which policy.
 * DISTINCT, because the audit webhook may deliver an event twice. Cluster-scoped policies show
 * whatever namespaces are selected.
 */
export const policyChanges = `SELECT DISTINCT eventTime AS "time",
  userName || ' ' || verb || ' ' || kind || ' ' || CASE WHEN policyNamespace = '' THEN policyName ELSE policyNamespace || '/' || policyName END AS "text",
  'flowlens,policy-change' AS "tags"
FROM policy_events
WHERE $__timeFilter(eventTime)
  AND responseCode >= 200 AND responseCode < 300
  AND $__conditionalAll(clusterUUID IN ($cluster), $cluster)
  AND $__conditionalAll((policyNamespace IN ($namespace) OR policyNamespace = ''), $namespace)
  AND policyNamespace NOT IN ($excludedNamespaces)
ORDER BY "time"`;
