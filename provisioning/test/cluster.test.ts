import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema, clickhouseSchemaTarget, loadIntoClickHouse, shardedTables } from '@flowlens/flowgen';
import { ClickHouseServer, freePort } from '@flowlens/testkit';
import type { TestVariable } from '@flowlens/testkit/templateSrv';
import { dashboards } from '../../dashboards/src/index.ts';
import {
  clickhouseDataSource,
  dashboardRunner,
  type DashboardRunner,
} from '../../dashboards/test/support/dashboardRunner.ts';
import { dashboardQueries } from '../../dashboards/test/support/dashboardTargets.ts';
import { frameDifferences } from '../../dashboards/test/support/frameComparison.ts';
import { runFlowgen } from '../../tools/flowgen/test/helpers/cli.ts';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../../plugins/flows-datasource/backend/src/logging/logger.ts';

/**
 * A sharded FlowLens database (docs/cluster.md) on two of Debian's clickhouse-server 18.16 processes
 * on loopback ports, their cluster configuration written here: flowgen's records inserted through
 * one node's Distributed `flows` land on both shards, the per-minute rollup fills on each, and every
 * dashboard query through either node answers as a single server loaded with the same records.
 */
const cluster = 'flowlens';
const load = { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.25 } as const;
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };
// Inserts reach the shards before the insert returns; an IN subquery over a Distributed table inside a
// distributed query reads all shards once (docs/cluster.md asks the same of the datasource's user).
const clusterProfile =
  '<insert_distributed_sync>1</insert_distributed_sync><distributed_product_mode>global</distributed_product_mode>';

function clusterConfig(tcpPort: number, shardPorts: number[]): string {
  const shards = shardPorts
    .map((port) => `<shard><replica><host>127.0.0.1</host><port>${port}</port></replica></shard>`)
    .join('');
  return `<tcp_port>${tcpPort}</tcp_port><remote_servers><${cluster}>${shards}</${cluster}></remote_servers>`;
}

describe("a two-shard cluster of Debian's clickhouse-server 18.16", () => {
  let nodes: ClickHouseServer[] = [];
  let single: ClickHouseServer;
  let instances: DatasourceInstances;
  const runners: Record<string, DashboardRunner> = {};
  let variables: TestVariable[];
  let loadedRows: number;

  beforeAll(async () => {
    const tcpPorts = [await freePort(), await freePort()];
    nodes = await Promise.all(
      tcpPorts.map((tcp) =>
        ClickHouseServer.launch({ configXml: clusterConfig(tcp, tcpPorts), profileXml: clusterProfile })
      )
    );
    single = await ClickHouseServer.launch();
    // Node 1 through flowgen's applySchema, node 2 with the command docs/cluster.md gives.
    const target = clickhouseSchemaTarget({ url: nodes[0]!.url });
    try {
      await applySchema(target, { cluster: { name: cluster, database: 'default' }, log: () => undefined });
    } finally {
      target.close();
    }
    const cli = await runFlowgen([
      '--sink',
      'clickhouse',
      '--url',
      nodes[1]!.url,
      '--apply-schema',
      '--cluster',
      cluster,
      '--schema-only',
    ]);
    expect(cli.stderr).toMatch(
      /applied 01-flows\.sql, 04-policy-events\.sql, 05-flows-rollups\.sql, Distributed tables over cluster flowlens/
    );
    expect(cli.code).toBe(0);
    const [throughCluster, alone] = await Promise.all([
      loadIntoClickHouse({ url: nodes[0]!.url, applySchema: false, ...load }),
      loadIntoClickHouse({ url: single.url, applySchema: { log: () => undefined }, ...load }),
    ]);
    expect(throughCluster.rows).toBe(alone.rows);
    loadedRows = alone.rows;
    instances = new DatasourceInstances(createEngine, createLogger('cluster', { level: 'error', write: () => {} }));
    const runner = (uid: string, url: string) =>
      dashboardRunner({
        engine: 'clickhouse',
        dataSource: clickhouseDataSource(uid, url),
        instances,
        timeRange,
      });
    runners.single = runner('single', single.url);
    runners['node 1'] = runner('node-1', nodes[0]!.url);
    runners['node 2'] = runner('node-2', nodes[1]!.url);
    variables = await runners.single.defaultVariables();
  }, 600_000);

  afterAll(async () => {
    await instances?.closeAll();
    await Promise.all([...nodes, single].filter(Boolean).map((server) => server.close()));
  });

  it('spreads the inserted records over both shards, and each shard rolls up its own', async () => {
    const count = async (node: ClickHouseServer, table: string) =>
      Number(await node.query(`SELECT count() FROM ${table}`));
    const shards = await Promise.all(nodes.map((node) => count(node, 'flows_local')));
    expect(loadedRows).toBeGreaterThan(10_000);
    expect(shards[0]! + shards[1]!).toBe(loadedRows);
    // rand() sharding: each shard holds about half.
    for (const rows of shards) expect(rows).toBeGreaterThan(loadedRows * 0.4);
    for (const node of nodes) {
      expect(await count(node, 'flows')).toBe(loadedRows);
      // Nothing written by the schema-only command.
      expect(await count(node, 'flows_rollups')).toBe(1);
      expect(await count(node, 'flows_minutes_local')).toBeGreaterThan(0);
      expect(await node.query("SELECT engine FROM system.tables WHERE name = 'flows_minutes'")).toBe('Distributed\n');
    }
    expect(shardedTables).toEqual(['flows', 'flows_minutes', 'policy_events']);
  });

  it.each(['node 1', 'node 2'])(
    'answers every dashboard query through %s as the single server does',
    async (node) => {
      const all = Object.entries(dashboards).flatMap(([name, dashboard]) => dashboardQueries(name, dashboard));
      expect(all.length).toBeGreaterThan(40);
      const differences: string[] = [];
      let answered = 0;
      let rollupRead = 0;
      for (const query of all) {
        const [expected, actual] = [
          await runners.single!.run(query, variables),
          await runners[node]!.run(query, variables),
        ];
        const where = `${query.dashboard} / ${query.where}`;
        if (expected.error || actual.error) {
          // A query 18.16 cannot run alone must fail the same way on its cluster.
          if (expected.error !== actual.error) differences.push(`${where}: ${expected.error} / ${actual.error}`);
          continue;
        }
        answered++;
        if (/\bflows_minutes\b/.test(actual.frames[0]?.meta?.executedQueryString ?? '')) rollupRead++;
        // The Flow records listing too: it orders records of one second by every column, so the same
        // records make the cut on one server and on its shards.
        differences.push(...frameDifferences(expected.frames, actual.frames).map((text) => `${where}: ${text}`));
      }
      expect(differences).toEqual([]);
      // Every query runs on 18.16, alone and as a cluster.
      expect(answered).toBe(all.length);
      // The builder questions, the anomaly queries, the policy recommendation and the service map read
      // the Distributed rollup there too.
      expect(rollupRead).toBe(
        all.filter((query) =>
          ['flows', 'detectAnomalies', 'recommendPolicies', 'serviceMap'].includes(
            (query.target as { queryType?: string }).queryType ?? ''
          )
        ).length
      );
    },
    600_000
  );
});
