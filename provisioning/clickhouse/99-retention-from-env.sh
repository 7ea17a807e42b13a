#!/bin/bash
# Run by the ClickHouse image's entrypoint after the .sql files (docker-entrypoint-initdb.d), on first
# start only: FLOWLENS_RETENTION_HOURS replaces 02-flows-retention.sql's 12 hours; 0 keeps flows forever.
set -euo pipefail

hours="${FLOWLENS_RETENTION_HOURS:-12}"
case "$hours" in
  '' | *[!0-9]*)
    echo "FLOWLENS_RETENTION_HOURS must be a whole number of hours, got '$hours'" >&2
    exit 1
    ;;
esac
if [ "$hours" = "0" ]; then
  clickhouse client --query "ALTER TABLE flows REMOVE TTL"
  echo "flowlens: flow records are kept forever (FLOWLENS_RETENTION_HOURS=0)"
elif [ "$hours" != "12" ]; then
  clickhouse client --query "ALTER TABLE flows MODIFY TTL timeInserted + INTERVAL ${hours} HOUR"
  echo "flowlens: flow records are kept ${hours} hours"
fi
