import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applySchema,
  chdbSchemaTarget,
  clickhouseSchemaTarget,
  insertPolicyEventsIntoChdb,
  loadIntoChdb,
  policyEventsOfBackfill,
} from '@flowlens/flowgen';
import { ClickHouseServer, freePort, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { dashboards } from '../../dashboards/src/index.ts';
import { dashboardRunner, type DashboardRunner } from '../../dashboards/test/support/dashboardRunner.ts';
import { dashboardQueries, needsADayOfHistory } from '../../dashboards/test/support/dashboardTargets.ts';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../../plugins/flows-datasource/backend/src/logging/logger.ts';
import { antreaInserts } from './support/antreaReleases.ts';
import { theiaClusterConfig, theiaFlowsDdl, theiaFlowsLocalColumns } from './support/theiaClickHouse.ts';

/**
 * provisioning/clickhouse/migrations on a database made with Theia's DDL (support/theiaClickHouse.ts):
 * afterwards every Antrea release's INSERT lands in Theia's Distributed `flows`, its columns match
 * FlowLens's table, old rows read sensible values, Theia's view keeps counting, and every dashboard
 * query runs on flowgen data loaded through it.
 */
const migrations = resolve(import.meta.dirname, '../clickhouse/migrations');
const flowlensDdl = readFileSync(resolve(import.meta.dirname, '../clickhouse/01-flows.sql'), 'utf8');
const added = ['destinationServiceIP', 'appProtocolName', 'httpVals', 'egressNodeName'];
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };

describe("the migrations on Theia's tables in chDB (ClickHouse 26)", () => {
  let dir: string;
  let session: Session;
  const text = async (sql: string) => (await session.queryAsync(sql, { format: 'TabSeparated' })).text().trim();
  const columnsOf = (table: string) =>
    text(
      `SELECT name, type, default_kind, default_expression FROM system.columns WHERE database = currentDatabase() AND table = '${table}' ORDER BY position`
    );
  /** A row with exactly a release's column list, as its Flow Aggregator sends it. */
  const insertAs = async (table: string, releaseIndex: number, podName: string) => {
    const release = antreaInserts[releaseIndex]!;
    const values = release.columns.map((name) =>
      name === 'sourcePodName'
        ? podName
        : name === 'destinationClusterIP'
          ? '10.96.0.10'
          : /Seconds$/.test(name)
            ? '1736154000'
            : /Name|Namespace|IP|Labels|State|UUID|Vals/.test(name)
              ? `${release.release}`
              : '1'
    );
    await session.insert({
      table,
      values: Buffer.from(values.join('\t') + '\n'),
      format: 'TSV',
      columns: release.columns,
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-theia-'));
    const config = join(dir, 'cluster.xml');
    writeFileSync(config, theiaClusterConfig(await freePort()));
    session = new Session(join(dir, 'chdb'), { connectionArgs: [`--config-file=${config}`] });
    for (const statement of theiaFlowsDdl()) {
      await session.queryAsync(statement);
    }
    // A row from before the migration, as Antrea v1.14 sent it.
    await insertAs('flows', 0, 'before-migration');
  });

  afterAll(() => {
    session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts as Theia's schema: later Antrea releases' inserts fail, and flowgen names the migration", async () => {
    expect((await columnsOf('flows_local')).split('\n').map((line) => line.split('\t')[0])).toEqual(
      theiaFlowsLocalColumns.map(([name]) => name)
    );
    await expect(insertAs('flows', 2, 'antrea-2.0-before')).rejects.toThrow(/appProtocolName|httpVals|egressNodeName/);
    await expect(loadIntoChdb(session, { count: 10, applySchema: false })).rejects.toThrow(
      /lacks the columns destinationServiceIP, appProtocolName, httpVals, egressNodeName; add them with provisioning\/clickhouse\/migrations/
    );
  });

  it('adds the four columns to flows_local and flows: both then match 01-flows.sql column for column', async () => {
    const report = await applySchema(chdbSchemaTarget(session), {
      schemaDir: migrations,
      log: (line) => expect.fail(line),
    });
    expect(report.applied).toEqual([
      { file: '01-add-columns-to-flows_local.sql', statements: 4 },
      { file: '02-add-columns-to-flows.sql', statements: 4 },
    ]);
    await session.queryAsync(
      flowlensDdl.replace('CREATE TABLE IF NOT EXISTS flows\n', 'CREATE TABLE flowlens_flows\n')
    );
    const flowlens = await columnsOf('flowlens_flows');
    expect(flowlens.split('\n').filter((line) => added.includes(line.split('\t')[0]!))).toHaveLength(4);
    expect(await columnsOf('flows_local')).toBe(flowlens);
    expect(await columnsOf('flows')).toBe(flowlens);
  });

  it('changes nothing when run again', async () => {
    const before = await columnsOf('flows_local');
    await applySchema(chdbSchemaTarget(session), { schemaDir: migrations });
    expect(await columnsOf('flows_local')).toBe(before);
  });

  it("takes every Antrea release's INSERT through Theia's Distributed flows, and Theia's Pod view still counts them", async () => {
    for (const [index, release] of antreaInserts.entries()) {
      await insertAs('flows', index, `antrea-${release.release}`);
    }
    expect(Number(await text("SELECT count() FROM flows_local WHERE sourcePodName LIKE 'antrea-%'"))).toBe(
      antreaInserts.length
    );
    expect(Number(await text("SELECT count() FROM pod_view_table_local WHERE sourcePodName LIKE 'antrea-%'"))).toBe(
      antreaInserts.length
    );
    expect(await text("SELECT egressNodeName, appProtocolName FROM flows WHERE sourcePodName = 'antrea-v2.0.0'")).toBe(
      'v2.0.0\tv2.0.0'
    );
  });

  it('reads rows stored before the migration with the defaults: the Service IP under both names', async () => {
    expect(
      await text(
        "SELECT concat(destinationServiceIP, '|', appProtocolName, '|', httpVals, '|', egressNodeName) FROM flows WHERE sourcePodName = 'before-migration'"
      )
    ).toBe('10.96.0.10|||');
  });

  describe('every dashboard query, on flowgen records loaded through the migrated Distributed flows', () => {
    let http: ChdbHttpServer;
    let instances: DatasourceInstances;
    let runner: DashboardRunner;

    beforeAll(async () => {
      // flowgen writes by column name, so the Theia column order does not matter.
      const load = await loadIntoChdb(session, {
        from: '2025-01-06T08:40:00Z',
        to: '2025-01-06T10:00:00Z',
        scale: 0.25,
        applySchema: false,
      });
      expect(load.rows).toBeGreaterThan(10_000);
      // Theia has no policy_events: the annotations need 04-policy-events.sql, as provisioning/README.md says.
      await session.queryAsync(
        readFileSync(resolve(import.meta.dirname, '../clickhouse/04-policy-events.sql'), 'utf8')
      );
      const changes = policyEventsOfBackfill({ from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z' }, undefined);
      expect(await insertPolicyEventsIntoChdb(session, changes)).toBeGreaterThan(0);
      http = await startChdbHttpServer({ session });
      instances = new DatasourceInstances(createEngine, createLogger('theia', { level: 'error', write: () => {} }));
      runner = dashboardRunner({
        engine: 'clickhouse',
        dataSource: {
          uid: 'theia',
          name: 'Theia',
          updatedMs: 1,
          jsonData: { engine: 'clickhouse', url: http.url },
          decryptedSecureJsonData: {},
        },
        instances,
        timeRange,
      });
    });

    afterAll(async () => {
      await instances?.closeAll();
      await http?.close();
    });

    it('answers without an error, and with rows, even with an ad-hoc filter on a migrated column', async () => {
      const variables = await runner.defaultVariables();
      const all = Object.entries(dashboards).flatMap(([name, dashboard]) => dashboardQueries(name, dashboard));
      expect(all.length).toBeGreaterThan(40);
      const failures: string[] = [];
      const empty: string[] = [];
      for (const query of all) {
        for (const filters of [[], [{ key: 'egressNodeName', operator: '!=', value: 'no-such-node' }]]) {
          const response = await runner.run(query, variables, filters);
          const rows = response.frames.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0);
          const where = `${query.dashboard} / ${query.where}${filters.length ? ' (ad-hoc filter)' : ''}`;
          if (response.error) failures.push(`${where}: ${response.error}`);
          else if (rows === 0 && !needsADayOfHistory(query)) empty.push(where);
        }
      }
      expect(failures).toEqual([]);
      expect(empty).toEqual([]);
    });
  });
});

describe("the migrations on Debian's clickhouse-server 18.16", () => {
  let server: ClickHouseServer;
  beforeAll(async () => {
    server = await ClickHouseServer.launch();
    await server.query('CREATE TABLE flows (destinationClusterIP String) ENGINE = MergeTree ORDER BY tuple()');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('are refused (18.16 has no ADD COLUMN IF NOT EXISTS), so they say requires 20.3 and are skipped with a note', async () => {
    const statement = readFileSync(join(migrations, '02-add-columns-to-flows.sql'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('--'))
      .join('\n')
      .split(';')[0]!;
    await expect(server.query(statement)).rejects.toThrow(/Syntax error.*IF NOT EXISTS|EXISTS destinationServiceIP/s);
    const notes: string[] = [];
    const target = clickhouseSchemaTarget({ url: server.url });
    try {
      const report = await applySchema(target, { schemaDir: migrations, log: (line) => notes.push(line) });
      expect(report.applied).toEqual([]);
      expect(report.skipped.map((file) => file.requires)).toEqual(['20.3', '20.3']);
    } finally {
      target.close();
    }
    expect(notes.join('\n')).toMatch(/needs ClickHouse 20\.3 or newer; .* runs 18\.16/);
  });
});
