-- Who changed which NetworkPolicy when: one row per create, update, patch or delete of a
-- NetworkPolicy-like object (Kubernetes, Antrea, Cilium, AdminNetworkPolicy kinds), written by
-- flowlens-ingest from the API server's audit webhook (tools/ingest/README.md has the mapping).
-- The dashboards show successful changes as annotations. The webhook backend may send an event
-- twice: rows with the same (eventTime, auditID) collapse on merge, and queries read them DISTINCT.
-- Works on every ClickHouse from 18.16 on. A compose volume made before this file: run it once by hand.
CREATE TABLE IF NOT EXISTS policy_events
(
    timeInserted DateTime DEFAULT now(),
    -- stageTimestamp of the ResponseComplete event: when the change took effect.
    eventTime DateTime,
    auditID String,
    verb String,
    apiGroup String,
    apiVersion String,
    resource String,
    kind String,
    policyNamespace String,
    policyName String,
    -- The flows table's policy type codes: 1 K8s NetworkPolicy, 2 Antrea NetworkPolicy,
    -- 3 Antrea ClusterNetworkPolicy, 0 any other kind (Tier, CiliumNetworkPolicy, ...).
    policyType UInt8,
    userName String,
    -- JSON array of the user's groups.
    userGroups String,
    impersonatedUser String,
    userAgent String,
    -- Comma-separated, as the audit event lists them.
    sourceIPs String,
    -- responseStatus.code: 2xx applied; 403, 409, 422 ... refused.
    responseCode UInt16,
    clusterUUID String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(eventTime)
ORDER BY (eventTime, auditID);
