import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSink, loadIntoChdb, policyEventsCsv, policyEventsOfBackfill, writeFlows } from '@flowlens/flowgen';
import { FakesnowServer, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { dashboards } from '../../../../dashboards/src/index.ts';
import {
  clickhouseDataSource,
  dashboardRunner,
  type DashboardRunner,
} from '../../../../dashboards/test/support/dashboardRunner.ts';
import {
  dashboardQueries,
  needsADayOfHistory,
  type DashboardQuery,
} from '../../../../dashboards/test/support/dashboardTargets.ts';
import type { TestVariable } from '@flowlens/testkit/templateSrv';
import { createEngine } from '../src/engines/createEngine.ts';
import type { Frame } from '../src/frames/frame.ts';
import { DatasourceInstances } from '../src/handlers/datasourceInstances.ts';
import { quietLogger } from './support/engines.ts';
import {
  flowsSchemaSql,
  policyEventsSchemaSql,
  snowflakeDataSource,
  snowflakeDatabase,
  snowflakeEngine,
  snowflakeSchema,
} from './support/snowflake.ts';

/**
 * The promise of the Flows builder and the portable macros: one dashboard set, two engines, the same
 * answers. The same flowgen records go into chDB (ClickHouse 26) and fakesnow (Snowflake on DuckDB);
 * every query of every dashboard — variables, annotations, builder and SQL panels — runs through the
 * backend against both, and the rows must match after types are normalised.
 */
const generation = { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.25 };
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };
/** `clickhouse-raw`: the same chDB with the rollup switched off, for the builder's raw-table SQL. */
type Engine = 'clickhouse' | 'clickhouse-raw' | 'snowflake';

describe('every dashboard query answers the same on ClickHouse (chDB) and Snowflake (fakesnow)', () => {
  let dir: string;
  let session: Session;
  let chdbHttp: ChdbHttpServer;
  let fakesnow: FakesnowServer;
  let instances: DatasourceInstances;
  const runners = {} as Record<Engine, DashboardRunner>;
  let loadedRows = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-equivalence-'));
    session = new Session(join(dir, 'chdb'));
    const [chdbLoad] = await Promise.all([
      loadIntoChdb(session, generation),
      FakesnowServer.launch().then((server) => {
        fakesnow = server;
      }),
    ]);
    chdbHttp = await startChdbHttpServer({ session });
    const csv = join(dir, 'flows.csv');
    await writeFlows(new FileSink({ format: 'csv', output: csv }), generation);
    const engine = snowflakeEngine(fakesnow);
    try {
      for (const ddl of [flowsSchemaSql, policyEventsSchemaSql]) {
        await engine.query(ddl, { timeoutMs: 30_000, rowLimit: 10, signal: new AbortController().signal });
      }
    } finally {
      await engine.close();
    }
    loadedRows = await fakesnow.loadCsv(`${snowflakeDatabase}.${snowflakeSchema}.FLOWS`, csv);
    expect(loadedRows).toBe(chdbLoad.rows);
    // The policy changes flowgen's loader wrote into chDB's policy_events, for the annotations.
    const policyCsv = join(dir, 'policy_events.csv');
    writeFileSync(policyCsv, policyEventsCsv(policyEventsOfBackfill(generation, chdbLoad.lastTimeInserted)));
    expect(await fakesnow.loadCsv(`${snowflakeDatabase}.${snowflakeSchema}.POLICY_EVENTS`, policyCsv)).toBe(
      chdbLoad.policyEvents
    );
    expect(chdbLoad.policyEvents).toBeGreaterThan(0);
    instances = new DatasourceInstances(createEngine, quietLogger);
    runners.clickhouse = dashboardRunner({
      engine: 'clickhouse',
      dataSource: {
        uid: 'flowlens-clickhouse',
        name: 'FlowLens',
        updatedMs: 1,
        jsonData: { engine: 'clickhouse', url: chdbHttp.url },
        decryptedSecureJsonData: {},
      },
      instances,
      timeRange,
    });
    runners['clickhouse-raw'] = dashboardRunner({
      engine: 'clickhouse',
      dataSource: clickhouseDataSource('flowlens-clickhouse-raw', chdbHttp.url, { useRollups: false }),
      instances,
      timeRange,
    });
    runners.snowflake = dashboardRunner({
      engine: 'snowflake',
      dataSource: snowflakeDataSource(fakesnow),
      instances,
      timeRange,
    });
  }, 300_000);

  afterAll(async () => {
    await instances?.closeAll();
    await chdbHttp?.close();
    session?.close();
    await fakesnow?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(engine: Engine, query: DashboardQuery, variables: TestVariable[]) {
    const response = await runners[engine].run(query, variables);
    return {
      error: response.error,
      sql: response.frames[0]?.meta?.executedQueryString ?? '',
      frames: response.frames.map(normalizedFrame),
    };
  }

  const defaultVariables = (engine: Engine): Promise<TestVariable[]> => runners[engine].defaultVariables();

  const all = Object.entries(dashboards).flatMap(([name, dashboard]) => dashboardQueries(name, dashboard));

  it('loads the same records into both engines', () => {
    expect(loadedRows).toBeGreaterThan(10_000);
  });

  it('offers the same variable options', async () => {
    const [clickhouse, snowflake] = [await defaultVariables('clickhouse'), await defaultVariables('snowflake')];
    expect(snowflake).toEqual(clickhouse);
    expect(clickhouse.find((v) => v.name === 'namespace')!.options).toEqual(expect.arrayContaining(['bookinfo']));
  });

  // With default variables flowgen's hour answers every query, so no comparison is of two empty answers.
  it.each([
    ['default variables', (variables: TestVariable[]) => variables, true],
    [
      'one namespace selected',
      (variables: TestVariable[]) => variables.map((v) => (v.name === 'namespace' ? { ...v, value: ['bookinfo'] } : v)),
      false,
    ],
  ])('every query returns the same rows with %s', async (_, adjust, everyQueryHasRows) => {
    const variables = adjust(await defaultVariables('clickhouse'));
    const differences: string[] = [];
    const empty: string[] = [];
    let compared = 0;
    for (const query of all) {
      const [clickhouse, snowflake] = [
        await run('clickhouse', query, variables),
        await run('snowflake', query, variables),
      ];
      const where = `${query.dashboard} / ${query.where}`;
      if (clickhouse.error || snowflake.error) {
        differences.push(
          `${where}: ClickHouse ${clickhouse.error ?? 'ok'}; Snowflake ${snowflake.error ?? 'ok'}\n${snowflake.sql}`
        );
        continue;
      }
      // A variable takes its first column whatever its name; unquoted aliases come back upper-case from Snowflake.
      const namesMatter = !query.where.startsWith('variable ');
      const difference = compareFrames(
        clickhouse.frames.map((frame) => canonicalFrame(frame, namesMatter)),
        snowflake.frames.map((frame) => canonicalFrame(frame, namesMatter)),
        /\bLIMIT\b/i.test(snowflake.sql),
        snowflake.sql
      );
      if (difference) {
        differences.push(`${where}: ${difference}\n${snowflake.sql}`);
      }
      if (
        !needsADayOfHistory(query) &&
        clickhouse.frames.every((frame) => (frame.fields[0]?.values.length ?? 0) === 0)
      ) {
        empty.push(where);
      }
      compared++;
    }
    expect(differences).toEqual([]);
    expect(compared).toBe(all.length);
    if (everyQueryHasRows) {
      expect(empty).toEqual([]);
    }
  });

  // ClickHouse counts open connections as A − (A ∩ E) with a lookup per group (and bucket), Snowflake as
  // all less the ended ones (flowsBuilder.ts); the dashboards ask only the ungrouped total, so these
  // grouped, bucketed and top-N questions check the lookup keys on both engines.
  it.each([
    ['a table per Service', { format: 'table', flows: { groupBy: ['destinationService'] } }],
    ['a series', { format: 'timeseries', flows: {} }],
    ['a series of the top 3 source pods', { format: 'timeseries', flows: { groupBy: ['sourcePod'], topN: 3 } }],
  ])('open connections as %s are the same on both engines', async (_, { format, flows }) => {
    const query: DashboardQuery = {
      dashboard: 'test',
      where: 'open connections',
      target: {
        refId: 'A',
        queryType: 'flows',
        format,
        flows: { version: 1, view: 'all', metric: 'openConnections', ...flows },
      },
    };
    const variables = await defaultVariables('clickhouse');
    const [clickhouse, snowflake] = [
      await run('clickhouse-raw', query, variables),
      await run('snowflake', query, variables),
    ];
    expect(clickhouse.error ?? snowflake.error).toBeUndefined();
    expect(clickhouse.sql).toMatch(/flowStartSeconds\) IN \(SELECT [\s\S]*?flowStartSeconds FROM flows WHERE/);
    expect(snowflake.sql).not.toMatch(/flowStartSeconds\) IN \(SELECT/);
    const frames = (engine: typeof clickhouse) => engine.frames.map((frame) => canonicalFrame(frame, true));
    expect(compareFrames(frames(clickhouse), frames(snowflake), false, snowflake.sql)).toBeUndefined();
    // Some answers are above zero, so the comparison is not of zeros alone.
    const values = clickhouse.frames.flatMap(
      (frame) => frame.fields.find((f) => f.name.startsWith('openConnections'))?.values ?? []
    );
    expect(values.some((value) => Number(value) > 0)).toBe(true);
  });
});

/**
 * fakesnow's one naming deviation: a quoted alias that differs from its column only in case
 * (`throughput AS "Throughput"`) comes back as the column's upper-case name, where Snowflake keeps the
 * alias. Only that exact case is forgiven.
 */
function fakesnowAliasName(snowflakeName: string, clickhouseName: string | undefined, sql: string): string {
  const renamesItself =
    clickhouseName !== undefined &&
    clickhouseName !== snowflakeName &&
    clickhouseName.toLowerCase() === snowflakeName.toLowerCase() &&
    sql.includes(`${snowflakeName} AS "${clickhouseName}"`);
  return renamesItself ? clickhouseName : snowflakeName;
}

interface NormalizedFrame {
  fields: Array<{ name: string; kind: string; labels: string; values: unknown[] }>;
}

/** Values compared across engines: times as epoch ms, numbers as numbers, JSON as text. */
function normalizedFrame(frame: Frame): NormalizedFrame {
  return {
    fields: frame.fields.map((field) => ({
      name: field.name,
      // Grafana shows int64, uint64 and float64 alike; only the kind matters to panels.
      kind: field.kind,
      labels: JSON.stringify(field.labels ?? {}),
      values: [...field.values].map((value: unknown) =>
        value === null || value === undefined
          ? null
          : typeof value === 'bigint'
            ? Number(value)
            : value instanceof Uint8Array
              ? new TextDecoder().decode(value)
              : value
      ),
    })),
  };
}

/**
 * Fields in a stable order: a wide time series lists its series in the order rows arrived, which
 * differs between engines without changing the series.
 */
function canonicalFrame(frame: NormalizedFrame, namesMatter: boolean): NormalizedFrame {
  const fields = frame.fields.map((field) => (namesMatter ? field : { ...field, name: field.name.toLowerCase() }));
  const [first, ...rest] = fields;
  const key = (field: NormalizedFrame['fields'][number]) => `${field.name}${field.labels}`;
  return { fields: first ? [first, ...rest.sort((a, b) => key(a).localeCompare(key(b)))] : [] };
}

function rowsOf(frame: NormalizedFrame): string[] {
  const length = frame.fields[0]?.values.length ?? 0;
  const rows: string[] = [];
  for (let row = 0; row < length; row++) {
    rows.push(JSON.stringify(frame.fields.map((field) => roundForComparison(field.values[row]))));
  }
  return rows;
}

/** Snowflake divides NUMBERs to 6 decimal places, ClickHouse in floating point: compare to 5 significant decimals. */
function roundForComparison(value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)
    ? Number(value.toPrecision(10))
    : value;
}

/**
 * Undefined when the frames hold the same fields and rows. Rows are compared as sets, in order only
 * when no LIMIT cut them: a LIMIT over tied values may keep different ties on each engine, so then
 * every row Snowflake returned must be one ClickHouse could have returned and the counts must match.
 */
function compareFrames(
  clickhouse: NormalizedFrame[],
  snowflake: NormalizedFrame[],
  limited: boolean,
  sql: string
): string | undefined {
  if (clickhouse.length !== snowflake.length) {
    return `${clickhouse.length} frames from ClickHouse, ${snowflake.length} from Snowflake`;
  }
  for (let i = 0; i < clickhouse.length; i++) {
    const [a, b] = [clickhouse[i]!, snowflake[i]!];
    const shapeA = a.fields.map((f) => `${f.name}:${f.kind}${f.labels}`).join(', ');
    const shapeB = b.fields
      .map((f, j) => `${fakesnowAliasName(f.name, a.fields[j]?.name, sql)}:${f.kind}${f.labels}`)
      .join(', ');
    if (shapeA !== shapeB) {
      return `fields differ:\n  ClickHouse ${shapeA}\n  Snowflake  ${shapeB}`;
    }
    const [rowsA, rowsB] = [rowsOf(a).sort(), rowsOf(b).sort()];
    if (rowsA.length !== rowsB.length) {
      return `${rowsA.length} rows from ClickHouse, ${rowsB.length} from Snowflake`;
    }
    const onlyA = rowsA.filter((row) => !rowsB.includes(row));
    if (onlyA.length > 0 && !limited) {
      const onlyB = rowsB.filter((row) => !rowsA.includes(row));
      return `rows differ (${onlyA.length} of ${rowsA.length}), e.g.\n  ClickHouse ${onlyA.slice(0, 3).join('\n             ')}\n  Snowflake  ${onlyB.slice(0, 3).join('\n             ')}`;
    }
    if (onlyA.length > rowsA.length / 10) {
      return `more than a tenth of the rows differ under LIMIT (${onlyA.length} of ${rowsA.length}): not just ties`;
    }
  }
  return undefined;
}
