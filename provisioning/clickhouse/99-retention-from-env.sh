#!/bin/bash
# Run by the ClickHouse image's entrypoint after the .sql files (docker-entrypoint-initdb.d), on first
# start only: FLOWLENS_RETENTION_HOURS replaces 02-flows-retention.sql's 12 hours; 0 keeps flows forever.
# FLOWLENS_ROLLUP_RETENTION_DAYS replaces 06-flows-rollups-retention.sql's 30 days for the per-minute
# rollup (default 30, or 0 when flows are kept forever); 0 keeps it forever. The rollup must outlive the raw records (docs/rollups.md).
set -euo pipefail

# whole_number NAME VALUE UNIT: stops the start with a clear message unless VALUE is a whole number.
whole_number() {
  case "$2" in
    '' | *[!0-9]*)
      echo "$1 must be a whole number of $3, got '$2'" >&2
      exit 1
      ;;
  esac
}

hours="${FLOWLENS_RETENTION_HOURS:-12}"
whole_number FLOWLENS_RETENTION_HOURS "$hours" hours
# Flows kept forever keep their rollup forever too, unless told otherwise.
defaultRollupDays=30
[ "$hours" = "0" ] && defaultRollupDays=0
rollupDays="${FLOWLENS_ROLLUP_RETENTION_DAYS:-$defaultRollupDays}"
whole_number FLOWLENS_ROLLUP_RETENTION_DAYS "$rollupDays" days
if [ "$rollupDays" != "0" ] && { [ "$hours" = "0" ] || [ $((rollupDays * 24)) -lt "$hours" ]; }; then
  echo "FLOWLENS_ROLLUP_RETENTION_DAYS ($rollupDays days) must keep the rollup at least as long as FLOWLENS_RETENTION_HOURS keeps flows (${hours} hours, 0 = forever)" >&2
  exit 1
fi
if [ "$hours" = "0" ]; then
  clickhouse client --query "ALTER TABLE flows REMOVE TTL"
  echo "flowlens: flow records are kept forever (FLOWLENS_RETENTION_HOURS=0)"
elif [ "$hours" != "12" ]; then
  clickhouse client --query "ALTER TABLE flows MODIFY TTL timeInserted + INTERVAL ${hours} HOUR"
  echo "flowlens: flow records are kept ${hours} hours"
fi
if [ "$rollupDays" = "0" ]; then
  clickhouse client --query "ALTER TABLE flows_minutes REMOVE TTL"
  echo "flowlens: the per-minute rollup is kept forever (FLOWLENS_ROLLUP_RETENTION_DAYS=0)"
elif [ "$rollupDays" != "30" ]; then
  clickhouse client --query "ALTER TABLE flows_minutes MODIFY TTL minute + INTERVAL ${rollupDays} DAY"
  echo "flowlens: the per-minute rollup is kept ${rollupDays} days"
fi
