import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adaptedSchema,
  applySchema,
  chdbSchemaTarget,
  defaultSchemaDir,
  loadIntoChdb,
  parseVersion,
} from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import type { TestVariable } from '@flowlens/testkit/templateSrv';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../../plugins/flows-datasource/backend/src/logging/logger.ts';
import { dashboards } from '../src/index.ts';
import { clickhouseDataSource, dashboardRunner, type DashboardRunner } from './support/dashboardRunner.ts';
import { dashboardQueries } from './support/dashboardTargets.ts';
import { frameDifferences } from './support/frameComparison.ts';

// A database whose rollup an earlier 05-flows-rollups.sql made: it lacks the columns added later
// (destinationClusterIP, flowEndReason, the pods' labels and the trusted mark), and keeps connections as
// sipHash64 and cityHash64 of their key, without their start minute. CREATE … IF NOT EXISTS leaves such a rollup as it is, so the backend must
// find out what it keeps (the catalog reads system.columns), read its connection ids as they were
// made, and read the raw records for the questions that need the rest.
const laterColumns = ['destinationClusterIP', 'flowEndReason', 'sourcePodLabels', 'destinationPodLabels', 'trusted'];

/** The 05 file as it was before 2026-12-08, as servers before 21.1 still get it: ids as groupArray states. */
function withIdStates(sql: string): string {
  const older = adaptedSchema('05-flows-rollups.sql', sql, parseVersion('20.8')).text;
  expect(older).toContain('connectionCityHashes AggregateFunction(groupArray, UInt64)');
  expect(older).toContain('groupArrayStateIf(cityHash64(');
  return older;
}

/** The 05 file as it was before connection ids held the start minute: sipHash64 of the key instead. */
function withSipHashes(sql: string): string {
  const older = withIdStates(sql)
    .replace('connectionStartHashes AggregateFunction', 'connectionSipHashes AggregateFunction')
    .replace(
      /groupArrayStateIf\(bitXor\(bitOr\(bitShiftLeft\([\s\S]*?murmurHash3_32\(([^)]*)\)\)\), cityHash64\([^)]*\)\), endsHere = 1\) AS connectionStartHashes/,
      'groupArrayStateIf(sipHash64($1), endsHere = 1) AS connectionSipHashes'
    );
  expect(older).not.toMatch(/connectionStartHashes|murmurHash3_32/);
  return older;
}

/** The 05 file as it was before the later columns: every mention in a statement removed. */
function withoutLaterColumns(sql: string): string {
  let older = sql;
  for (const column of laterColumns) {
    older = older
      .replace(new RegExp(`^\\s*${column}( \\w+)?,\\n`, 'gm'), '')
      .replace(new RegExp(`,\\s*${column}\\b`, 'g'), '')
      .replace(new RegExp(`\\b${column},\\s*`, 'g'), '');
  }
  return older;
}

const needLaterColumns = ['Services', 'Active connections', 'Stopped connections'];

/** A chDB database whose rollup `older` made of today's 05 file, an hour of flows, and runners with and without it. */
async function olderDatabase(name: string, older: (sql: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), `flowlens-${name}-`));
  const schemaDir = join(dir, 'schema');
  cpSync(defaultSchemaDir, schemaDir, { recursive: true });
  const file = join(schemaDir, '05-flows-rollups.sql');
  writeFileSync(file, older(readFileSync(file, 'utf8')));
  const session = new Session(join(dir, 'db'));
  await applySchema(chdbSchemaTarget(session), { schemaDir, retentionHours: 0, log: () => undefined });
  await loadIntoChdb(session, {
    applySchema: false,
    from: '2025-01-06T09:00:00Z',
    to: '2025-01-06T10:00:00Z',
    scale: 0.5,
  });
  const http = await startChdbHttpServer({ session });
  const instances = new DatasourceInstances(
    createEngine,
    createLogger(name, { level: 'error', write: () => undefined })
  );
  const runner = (uid: string, useRollups: boolean) =>
    dashboardRunner({
      engine: 'clickhouse',
      dataSource: clickhouseDataSource(uid, http.url, { useRollups }),
      instances,
      timeRange: { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') },
    });
  const rawOnly = runner(`${name}-raw`, false);
  return {
    session,
    withRollups: runner(name, true),
    rawOnly,
    variables: await rawOnly.defaultVariables(),
    close: async () => {
      await instances.closeAll();
      await http.close();
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('a rollup made by an earlier 05-flows-rollups.sql, without the later columns and start minutes', () => {
  let older: Awaited<ReturnType<typeof olderDatabase>>;
  let session: Session;
  let withRollups: DashboardRunner;
  let rawOnly: DashboardRunner;
  let variables: TestVariable[];

  beforeAll(async () => {
    older = await olderDatabase('older-rollup', (sql) => withoutLaterColumns(withSipHashes(sql)));
    ({ session, withRollups, rawOnly, variables } = older);
  }, 300_000);

  afterAll(async () => {
    await older?.close();
  });

  it('was made without them', async () => {
    const columns = (
      await session.queryAsync(
        "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'flows_minutes'",
        { format: 'TSV' }
      )
    )
      .text()
      .trim()
      .split('\n');
    expect(columns).toContain('connectionSipHashes');
    expect(columns).not.toContain('connectionStartHashes');
    for (const column of laterColumns) expect(columns).not.toContain(column);
  });

  it("answers Home's counts as the raw records do: from the raw records what needs the later columns, the rest from the rollup", async () => {
    const homeBuilder = dashboardQueries('home', dashboards.home!).filter(
      (query) => (query.target as { queryType?: string }).queryType === 'flows'
    );
    expect(homeBuilder.map((query) => query.where)).toEqual(expect.arrayContaining(needLaterColumns));
    const connectionQueries: string[] = [];
    for (const query of homeBuilder) {
      const rolled = await withRollups.run(query, variables);
      const raw = await rawOnly.run(query, variables);
      expect(rolled.error, query.where).toBeUndefined();
      expect(frameDifferences(raw.frames, rolled.frames), query.where).toEqual([]);
      const sql = rolled.frames[0]?.meta?.executedQueryString ?? '';
      expect(/\bflows_minutes\b/.test(sql), query.where).toBe(!needLaterColumns.includes(query.where));
      if (sql.includes('flows_minutes') && sql.includes('cityHash64')) {
        // Its connection ids are read as they were made, not split by a start minute they do not hold.
        connectionQueries.push(query.where);
        expect(sql, query.where).toContain('finalizeAggregation(connectionSipHashes)');
        expect(sql, query.where).not.toMatch(/murmurHash3_32| AS p\b/);
      }
    }
    expect(connectionQueries).toEqual(expect.arrayContaining(['Connections to external IPs', 'Denied connections']));
  }, 120_000);

  it('draws the service map as the raw records do: namespaces and pods from it, its ids counted in one piece; workloads, which need the labels it lacks, raw', async () => {
    const map = dashboardQueries('service-map', dashboards['service-map']!).find(
      (query) => (query.target as { queryType?: string }).queryType === 'serviceMap'
    );
    expect(map?.where).toBe('Who talks to whom');
    for (const [groupBy, fromRollup] of [
      ['namespace', true],
      ['pod', true],
      ['workload', false],
    ] as const) {
      const chosen = variables.map((variable) =>
        variable.name === 'groupBy' ? { ...variable, value: groupBy } : variable
      );
      const rolled = await withRollups.run(map!, chosen);
      const raw = await rawOnly.run(map!, chosen);
      expect(rolled.error, groupBy).toBeUndefined();
      expect(frameDifferences(raw.frames, rolled.frames), groupBy).toEqual([]);
      expect(raw.frames[0]?.fields[0]?.values.length, groupBy).toBeGreaterThan(3);
      const sql = rolled.frames.find((frame) => frame.meta?.executedQueryString)?.meta?.executedQueryString ?? '';
      expect(/\bflows_minutes\b/.test(sql), groupBy).toBe(fromRollup);
      if (fromRollup) {
        expect(sql).toContain('finalizeAggregation(connectionCityHashes) AS l');
        expect(sql).not.toMatch(/connectionSipHashes|murmurHash3_32|intDiv\(toUInt32\(flowStartSeconds\), 60\) AS p/);
      }
    }
  }, 120_000);
});

describe('a rollup made before 2026-12-08: connection ids as groupArray states', () => {
  let older: Awaited<ReturnType<typeof olderDatabase>>;

  beforeAll(async () => {
    older = await olderDatabase('state-ids', withIdStates);
  }, 300_000);

  afterAll(async () => {
    await older?.close();
  });

  it("answers Home's connection counts from it as the raw records do, reading the states as arrays", async () => {
    const connectionCounts = dashboardQueries('home', dashboards.home!).filter((query) =>
      ['Active connections', 'Stopped connections', 'Denied connections'].includes(query.where)
    );
    expect(connectionCounts).toHaveLength(3);
    for (const query of connectionCounts) {
      const rolled = await older.withRollups.run(query, older.variables);
      const raw = await older.rawOnly.run(query, older.variables);
      expect(rolled.error, query.where).toBeUndefined();
      expect(frameDifferences(raw.frames, rolled.frames), query.where).toEqual([]);
      expect(rolled.frames[0]?.meta?.executedQueryString, query.where).toContain(
        'finalizeAggregation(connectionStartHashes)'
      );
    }
  }, 120_000);
});
