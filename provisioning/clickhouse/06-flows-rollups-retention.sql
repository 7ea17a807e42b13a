-- requires: 19.6
-- Retention of the per-minute rollup (05): 30 days, far longer than the raw records' 12 hours (02), so
-- dashboards over past weeks still answer from the rollup after the raw records are gone. Keep it at
-- least as long as the raw retention: a range the raw table still holds but the rollup no longer does
-- would read as empty minutes. docker compose applies FLOWLENS_ROLLUP_RETENTION_DAYS instead when set.
ALTER TABLE flows_minutes MODIFY TTL minute + INTERVAL 30 DAY;
