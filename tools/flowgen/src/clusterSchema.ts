/**
 * The schema for a sharded ClickHouse (docs/cluster.md): every node keeps its shard of each table
 * that holds rows in `<table>_local`, with the same per-node materialized view and rollup catalog
 * as one server, and `<table>` is a Distributed table over all shards, so inserts and queries
 * name the same tables as on one server and any node answers for the whole cluster.
 */
export interface ClusterLayout {
  /** The cluster's name in the servers' <remote_servers>. */
  name: string;
  /** The database the tables live in on every node. */
  database: string;
}

/** Tables whose rows are spread over the shards; everything else (the rollup catalog) is per node. */
export const shardedTables = ['flows', 'flows_minutes', 'policy_events'] as const;

// Names used as identifiers only: not inside quotes (the catalog names the Distributed `flows_minutes`),
// not as part of a longer name (`flows_minutes_view`, `flows_rollups`).
const shardedName = new RegExp(`(?<![\\w'.])(${shardedTables.join('|')})(?![\\w'])`, 'g');

const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkClusterLayout(layout: ClusterLayout): void {
  for (const [what, value] of Object.entries(layout)) {
    if (!plainName.test(value)) {
      throw new Error(`cluster ${what} must be a plain name (letters, digits, _), got ${JSON.stringify(value)}`);
    }
  }
}

/** A provisioning statement as it runs on each node: sharded tables become their local shard. */
export function onShard(statement: string): string {
  return statement.replace(shardedName, '$1_local');
}

/** The Distributed tables over the shards, created on every node after the local ones. */
export function distributedTableStatements(layout: ClusterLayout): string[] {
  return shardedTables.map(
    (table) =>
      `CREATE TABLE IF NOT EXISTS ${table} AS ${table}_local ENGINE = Distributed(${layout.name}, ${layout.database}, ${table}_local, rand())`
  );
}
