export const usage = `flowlens: FlowLens from the command line.

Usage:
  flowlens recommend [options] > policies.yaml

  Recommends least-privilege NetworkPolicies from the flow records in ClickHouse or Snowflake, with
  the same code as the Grafana datasource's "Policy recommendation" query, and writes them as one
  multi-document YAML (stdout, or --output). Notes go to stderr. Exit 0 on success, 1 when the
  database fails or a policy would refuse an observed connection, 2 on a usage mistake.

Where the flows are:
  --engine <name>            clickhouse (default) | snowflake
  --url <url>                ClickHouse HTTP(S) endpoint (env CLICKHOUSE_URL, default http://127.0.0.1:8123)
  --user <name>              user (env CLICKHOUSE_USER or SNOWFLAKE_USER); passwords only from the
                             environment: CLICKHOUSE_PASSWORD, SNOWFLAKE_PASSWORD (or SNOWFLAKE_PRIVATE_KEY
                             [+ _PASSPHRASE], SNOWFLAKE_OAUTH_TOKEN)
  --database <name>          database (env CLICKHOUSE_DATABASE or SNOWFLAKE_DATABASE)
  --account, --role, --warehouse, --schema   Snowflake (env SNOWFLAKE_ACCOUNT, _ROLE, _WAREHOUSE, _SCHEMA)
  --timeout-seconds <n>      stop the query after this long (default 60)

Which flows:
  --from <time>, --to <time> time range (default now-24h to now): ISO 8601, unix seconds, now-6h …
  --cluster <uuid>           only this cluster (repeatable)
  --subsequent               only flows no applied policy covered yet
  --flow-limit <n>           read at most this many kinds of connection, busiest first (default 100000)

What to recommend:
  --policy-type <type>       k8s-np (default) | anp-deny-applied | anp-deny-all
  --granularity <g>          workload (default) | namespace
  --namespace <ns>           write policies for this namespace (repeatable; default all)
  --exclude-namespace <ns>   write no policies for this namespace (repeatable)
  --allow-namespace <ns>     allow this namespace's traffic wholesale (repeatable; default kube-system,
                             flow-aggregator, flow-visibility)
  --keep-generated-labels    keep pod-template-hash and other generated labels in selectors
  --no-dns                   no kube-dns rule of its own in every policy
  --no-to-services           Antrea types: allow Service traffic by backend labels, not toServices
  -o, --output <file>        write the YAML here instead of stdout

Example:
  CLICKHOUSE_PASSWORD=… npx flowlens recommend --url http://clickhouse:8123 --user flowlens_reader \\
    --namespace shop --from now-7d > shop-policies.yaml
`;
