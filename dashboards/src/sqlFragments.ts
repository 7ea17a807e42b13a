/**
 * The dashboards' one SQL query, portable (ClickHouse and Snowflake: `||` concatenation, CASE,
 * double-quoted aliases); every question about flows is a builder, anomaly, map or recommendation query.
 *
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
