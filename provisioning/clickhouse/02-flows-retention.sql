-- requires: 19.6
-- Retention: flow records older than 12 hours are dropped (change the interval to keep more).
-- docker compose applies FLOWLENS_RETENTION_HOURS instead when it is set.
ALTER TABLE flows MODIFY TTL timeInserted + INTERVAL 12 HOUR;
