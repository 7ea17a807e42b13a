export const usage = `flowgen: deterministic Antrea-style Kubernetes flow records, and a loader.

Usage:
  flowgen --count <n> | --from <time> --to <time>   [sink options]   backfill
  flowgen --rate <records/s>                          [sink options]   live, until Ctrl-C / SIGTERM

What to generate:
  --count <n>            stop after n records
  --from <time>          start of the time range (default 2025-01-06T00:00:00Z, so output is reproducible)
  --to <time>            end of the time range (exclusive)
  --scale <x>            multiply the cluster's traffic (default 1: about 100 records/s by day)
  --rate <records/s>     live mode: records for the current second, every second; aims for this rate now
  --history <duration>   live mode: first backfill this much of the past (30m, 6h, 1d) unless the table
                         already has records from then, so a restarted demo does not load it twice
  --seed <n>             cluster names, addresses and traffic (default 1); same seed and options, same bytes
  --inject <spec>        an anomaly on purpose (repeatable): drop-burst|throughput-spike:<ns>/<workload>@<time>/<duration>
                         [/<intensity>], e.g. drop-burst:shop/api@2025-01-07T10:00:00Z/10m (2 rejected attempts/s;
                         a spike uploads 50 Mbit/s to a file sharing site unless an intensity in bits/s is given)
  --no-anomalies         leave out the built-in anomalies (the periodic database scan, the new talker)
  --steady               stationary traffic: no day and night, no hourly batch job (for false-alarm tests)
  --export-interval <d>  seconds between two records of an open connection, as the Flow Aggregator's
                         activeFlowRecordTimeout (default 60s, Antrea's; 5s is the agent's own cadence)
  Times: ISO 8601 (2025-01-06T12:00:00Z; no offset means UTC), unix seconds, now, now-2h (s, m, h, d).

Where the records go:
  --sink <name>          ndjson (default) | csv | clickhouse | chdb | snowflake
  --output <path>        ndjson/csv file, or - for stdout (default)
  --url <url>            ClickHouse HTTP interface (env CLICKHOUSE_URL, default http://127.0.0.1:8123)
  --user <name>          ClickHouse user (env CLICKHOUSE_USER, default: the server's default user)
  --password <secret>    ClickHouse password (env CLICKHOUSE_PASSWORD; prefer the variable: flags show in ps)
  --database <name>      ClickHouse database (env CLICKHOUSE_DATABASE, default default)
  --table <name>         table to load (default flows)
  --wire-format <name>   RowBinary (default) | TabSeparated, for --sink clickhouse
  --chdb-path <dir>      chDB data folder, for --sink chdb
  --account <id>         Snowflake account (env SNOWFLAKE_ACCOUNT): myorg-myaccount or its https:// URL;
                         --user, --password, --database also apply (env SNOWFLAKE_USER, SNOWFLAKE_PASSWORD,
                         SNOWFLAKE_DATABASE); key pair: env SNOWFLAKE_PRIVATE_KEY (PKCS#8 PEM) and
                         SNOWFLAKE_PRIVATE_KEY_PASSPHRASE
  --role, --warehouse, --schema <name>   Snowflake session (env SNOWFLAKE_ROLE, _WAREHOUSE, _SCHEMA)
  --batch-rows <n>       records per insert (default 100000 for databases, 8192 for files)
  --apply-schema         create the flows table first from provisioning/clickhouse/*.sql (files needing a
                         newer server are skipped, and files with lines for older servers adapted, with a note);
                         for --sink snowflake, provisioning/snowflake/*.sql
  --retention-hours <h>  with --apply-schema: keep records this long instead of 12 hours; 0 keeps them
                         forever (backfills of past days need 0 or a long enough retention)
  --cluster <name>       with --apply-schema on ClickHouse: make this node one shard of the cluster <name>
                         of its <remote_servers> (tables *_local, Distributed tables over them;
                         docs/cluster.md); run it on every node
  --schema-only          with --apply-schema: apply the schema and write no records
  --wait-seconds <s>     wait this long for ClickHouse to come up at the start (default 0)
  --retry-seconds <s>    keep retrying a batch this long while ClickHouse is down (default 300)
  --audit-url <url>      live mode: also send the cluster's NetworkPolicy changes as they happen, as the API
                         server's audit webhook does (audit.k8s.io/v1 EventList), to flowlens-ingest's
                         /v1/audit, e.g. http://localhost:7071/v1/audit; bearer token from env
                         FLOWLENS_INGEST_TOKEN
  --quiet                no summary on stderr
  --help, --version

Examples:
  flowgen --count 1000 | head -1
  flowgen --from now-1d --to now --sink clickhouse --url http://localhost:8123 --apply-schema
  CLICKHOUSE_PASSWORD=secret flowgen --rate 500 --sink clickhouse --user flowlens_writer
  flowgen --from 2025-01-06 --to 2025-01-07 --scale 0.1 --sink csv --output day.csv
  SNOWFLAKE_PASSWORD=… flowgen --from now-1h --to now --sink snowflake --account myorg-myaccount --user loader \\
    --warehouse LOAD_WH --database FLOWLENS --schema PUBLIC --apply-schema
`;
