#!/bin/sh
# Grafana with FlowLens provisioning, plus the parts that depend on the environment: the Snowflake
# datasource when SNOWFLAKE_ACCOUNT is set, the alert webhook when FLOWLENS_ALERT_WEBHOOK_URL is set.
# The mounted provisioning stays read-only; Grafana reads a copy assembled here.
set -eu

source_dir="${FLOWLENS_PROVISIONING_SOURCE:-/etc/grafana/provisioning}"
target_dir="${FLOWLENS_PROVISIONING_TARGET:-/tmp/flowlens-provisioning}"
rm -rf "$target_dir"
mkdir -p "$target_dir"
for part in datasources dashboards alerting plugins; do
  mkdir -p "$target_dir/$part"
  if [ -d "$source_dir/$part" ]; then
    cp -R "$source_dir/$part/." "$target_dir/$part/"
  fi
done

if [ -n "${SNOWFLAKE_ACCOUNT:-}" ]; then
  export SNOWFLAKE_AUTH_TYPE="${SNOWFLAKE_AUTH_TYPE:-password}"
  for name in SNOWFLAKE_USER SNOWFLAKE_ROLE SNOWFLAKE_WAREHOUSE SNOWFLAKE_DATABASE SNOWFLAKE_SCHEMA \
    SNOWFLAKE_PASSWORD SNOWFLAKE_PRIVATE_KEY SNOWFLAKE_PRIVATE_KEY_PASSPHRASE SNOWFLAKE_OAUTH_TOKEN; do
    eval "export $name=\"\${$name:-}\""
  done
  cp "$source_dir/optional/flowlens-snowflake.yaml" "$target_dir/datasources/"
  echo "flowlens: provisioning the Snowflake datasource for account $SNOWFLAKE_ACCOUNT"
fi

if [ -n "${FLOWLENS_ALERT_WEBHOOK_URL:-}" ]; then
  cp "$source_dir/optional/flowlens-notifications.yaml" "$target_dir/alerting/"
  echo "flowlens: FlowLens alerts go to the webhook in FLOWLENS_ALERT_WEBHOOK_URL"
fi

export GF_PATHS_PROVISIONING="$target_dir"
exec "${GRAFANA_RUN:-/run.sh}" "$@"
