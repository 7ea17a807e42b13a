-- POLICY_EVENTS for Snowflake: the columns of ClickHouse's policy_events
-- (provisioning/clickhouse/04-policy-events.sql), with Snowflake types. A row per NetworkPolicy
-- change from the API server's audit log; queries read them DISTINCT, as a resent event repeats a row.
CREATE TABLE IF NOT EXISTS POLICY_EVENTS (
    timeInserted TIMESTAMP_TZ DEFAULT CURRENT_TIMESTAMP(),
    eventTime TIMESTAMP_TZ,
    auditID STRING,
    verb STRING,
    apiGroup STRING,
    apiVersion STRING,
    resource STRING,
    kind STRING,
    policyNamespace STRING,
    policyName STRING,
    policyType NUMBER(3, 0),
    userName STRING,
    userGroups STRING,
    impersonatedUser STRING,
    userAgent STRING,
    sourceIPs STRING,
    responseCode NUMBER(5, 0),
    clusterUUID STRING
);
