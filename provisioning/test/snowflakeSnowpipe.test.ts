import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  flowColumns,
  generateFlows,
  policyEventsCsv,
  policyEventsOfBackfill,
  type FlowRecord,
} from '@flowlens/flowgen';
import { FakesnowServer } from '@flowlens/testkit';
import { dashboards } from '../../dashboards/src/index.ts';
import { dashboardRunner } from '../../dashboards/test/support/dashboardRunner.ts';
import { dashboardQueries, needsADayOfHistory } from '../../dashboards/test/support/dashboardTargets.ts';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import type { SnowflakeEngine } from '../../plugins/flows-datasource/backend/src/engines/snowflake/snowflakeEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import type { DataSourceSettings } from '../../plugins/flows-datasource/backend/src/handlers/types.ts';
import { quietLogger } from '../../plugins/flows-datasource/backend/test/support/engines.ts';
import { snowflakeDataSource, snowflakeEngine } from '../../plugins/flows-datasource/backend/test/support/snowflake.ts';
import { antreaCsvLine } from './support/antreaCsv.ts';
import { antreaCsvLayouts } from './support/antreaReleases.ts';
import { theiaSnowflakeCopyOptions, theiaSnowflakeFlowsColumns } from './support/theiaSnowflake.ts';

/**
 * Antrea's S3 CSV files into Snowflake the way a Snowpipe loads them: files in a stage, COPY INTO by
 * position. fakesnow runs the stage and the COPY; its COPY reads fields as Snowflake does once
 * tools/testkit/src/fakesnow/snowflake_copy.py fixes two gaps (a '0x27' quote; unix-second times
 * into TIMESTAMP_TZ). Theia's stage is an external S3 stage; here it is an external stage whose URL
 * is a local folder, which fakesnow reads with DuckDB.
 */
const snowflakeDir = resolve(import.meta.dirname, '../snowflake');
const flowsDdl = readFileSync(join(snowflakeDir, '01-flows.sql'), 'utf8');
const policyEventsDdl = readFileSync(join(snowflakeDir, '02-policy-events.sql'), 'utf8');
const copyFile = readFileSync(join(snowflakeDir, 'snowpipe/copy-from-antrea-csv.sql'), 'utf8');
const theiaMigration = readFileSync(join(snowflakeDir, 'snowpipe/theia-flows.sql'), 'utf8');

/** The file's COPY statement for each layout, by the `-- layout:` line above it. */
const copyStatements = new Map(
  [...copyFile.matchAll(/^-- layout: (\S+)[^\n]*\n(COPY INTO[^;]+);/gm)].map((match) => [match[1]!, match[2]!])
);
const copyColumns = (statement: string) =>
  /COPY INTO FLOWS \(([^)]+)\)/
    .exec(statement)![1]!
    .split(',')
    .map((name) => name.trim());

const hour = { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.25 };
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };
const timeColumns = new Set(flowColumns.filter((column) => column.type === 'DateTime').map((column) => column.name));
const defaults: Record<string, string> = { trusted: '0' };

describe("Antrea's S3 CSV files, through a stage and COPY INTO, in fakesnow", () => {
  let dir: string;
  let server: FakesnowServer;
  let engine: SnowflakeEngine;
  let theiaEngine: SnowflakeEngine;
  const instances = new DatasourceInstances(createEngine, quietLogger);

  const run = async (sql: string, on = engine) =>
    on.query(sql, { timeoutMs: 60_000, rowLimit: 1_000_000, signal: new AbortController().signal });
  const count = async (sql: string, on = engine) => Number((await run(sql, on)).fields[0]!.values.get(0));

  /** Writes records as one gzipped file in a stage folder, as the uploader names them. */
  function stageFile(folder: string, records: readonly FlowRecord[], layout: readonly string[]): void {
    mkdirSync(join(dir, 'stage', folder), { recursive: true });
    const text = records.map((record) => antreaCsvLine(record, layout)).join('');
    writeFileSync(join(dir, 'stage', folder, `records-${folder}.csv.gz`), gzipSync(text));
  }

  /** A layout's COPY from copy-from-antrea-csv.sql, reading one stage folder. */
  const copyFrom = (layout: string, folder: string) =>
    copyStatements.get(layout)!.replace('FROM @FLOWSTAGE', `FROM @FLOWSTAGE/${folder}/`);

  /** Every FlowLens column of the loaded rows as text (times as unix seconds), sorted for comparing. */
  async function loadedRows(on = engine): Promise<string[]> {
    const result = await run(`SELECT ${flowColumns.map((column) => column.name).join(', ')} FROM FLOWS`, on);
    const rows: string[] = [];
    for (let i = 0; i < result.rowCount; i++) {
      const row = result.fields.map((field) => {
        const value = field.values.get(i) as unknown;
        return value === null ? 'NULL' : timeColumns.has(field.name) ? String(Number(value) / 1000) : String(value);
      });
      rows.push(JSON.stringify(row));
    }
    return rows.sort();
  }

  /** What a record reads back as when a layout carried it: its fields, and the other columns' defaults. */
  const expectedRows = (records: readonly FlowRecord[], layout: readonly string[]) =>
    records
      .map((record) =>
        JSON.stringify(
          flowColumns.map(({ name }) =>
            layout.includes(name) ? String(record[name as keyof FlowRecord]) : (defaults[name] ?? '')
          )
        )
      )
      .sort();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-snowpipe-'));
    server = await FakesnowServer.launch();
    // CREATE SCHEMA also makes the new schema the session's current one, so the setup has its own engine.
    const setup = snowflakeEngine(server);
    try {
      for (const sql of [
        'CREATE DATABASE IF NOT EXISTS FLOWLENS',
        'CREATE SCHEMA IF NOT EXISTS FLOWLENS.THEIA',
        `CREATE TABLE FLOWLENS.THEIA.FLOWS (${theiaSnowflakeFlowsColumns.map((column) => column.join(' ')).join(', ')})`,
        `CREATE STAGE FLOWLENS.THEIA.FLOWSTAGE URL = 'file://${join(dir, 'stage')}/'`,
        policyEventsDdl.replace('POLICY_EVENTS', 'FLOWLENS.THEIA.POLICY_EVENTS'),
        'CREATE SCHEMA IF NOT EXISTS FLOWLENS.PUBLIC',
        flowsDdl,
        policyEventsDdl,
        `CREATE STAGE FLOWLENS.PUBLIC.FLOWSTAGE URL = 'file://${join(dir, 'stage')}/'`,
      ]) {
        await run(sql, setup);
      }
    } finally {
      await setup.close();
    }
    // The policy changes of the hour the dashboards read, for their annotations (02-policy-events.sql).
    const policyCsv = join(dir, 'policy_events.csv');
    writeFileSync(policyCsv, policyEventsCsv(policyEventsOfBackfill(hour, undefined)));
    for (const schema of ['PUBLIC', 'THEIA']) {
      expect(await server.loadCsv(`FLOWLENS.${schema}.POLICY_EVENTS`, policyCsv)).toBeGreaterThan(0);
    }
    engine = snowflakeEngine(server);
    theiaEngine = snowflakeEngine(server, { schema: 'THEIA' });
  }, 120_000);

  afterAll(async () => {
    await instances.closeAll();
    await engine?.close();
    await theiaEngine?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("FLOWS has today's CSV fields in their order, then the columns the CSV lacks", async () => {
    const described = await run(
      "SELECT column_name FROM FLOWLENS.INFORMATION_SCHEMA.COLUMNS WHERE table_schema = 'PUBLIC' AND table_name = 'FLOWS' ORDER BY ordinal_position"
    );
    const names = [...described.fields[0]!.values].map((name) => String(name).toLowerCase());
    const today = antreaCsvLayouts.find((layout) => layout.release === 'v2.7+')!.columns;
    expect(names).toEqual([...today, 'appProtocolName', 'httpVals', 'trusted'].map((name) => name.toLowerCase()));
  });

  it("has one COPY per Antrea CSV layout, naming exactly that layout's fields in order", () => {
    expect([...copyStatements.keys()].sort()).toEqual(antreaCsvLayouts.map((layout) => layout.release).sort());
    for (const layout of antreaCsvLayouts) {
      expect(copyColumns(copyStatements.get(layout.release)!), layout.source).toEqual(layout.columns);
    }
  });

  const records = [...generateFlows({ seed: 5, from: '2025-01-06T09:00:00Z', count: 400 })];

  it.each(antreaCsvLayouts.map((layout) => [layout.release, layout] as const))(
    'Antrea %s: every field lands in its column, the columns the layout lacks hold their defaults',
    async (release, layout) => {
      const folder = `layout-${release.replace(/[^\w]/g, '_')}`;
      stageFile(folder, records, layout.columns);
      await run('DELETE FROM FLOWS');
      const result = await run(copyFrom(release, folder));
      expect(result.fields.find((field) => field.name.toLowerCase() === 'status')!.values.get(0)).toBe('LOADED');
      expect(await loadedRows()).toEqual(expectedRows(records, layout.columns));
    }
  );

  describe('every dashboard query, on a flowgen hour loaded through COPY', () => {
    const all = Object.entries(dashboards).flatMap(([name, dashboard]) => dashboardQueries(name, dashboard));
    const hourRecords = [...generateFlows(hour)];
    const today = antreaCsvLayouts.find((layout) => layout.release === 'v2.7+')!.columns;
    const v114 = antreaCsvLayouts.find((layout) => layout.release === 'v1.14')!.columns;

    async function failuresAndEmpty(dataSource: DataSourceSettings): Promise<[string[], string[]]> {
      const runner = dashboardRunner({ engine: 'snowflake', dataSource, instances, timeRange });
      const variables = await runner.defaultVariables();
      const failures: string[] = [];
      const empty: string[] = [];
      for (const query of all) {
        const response = await runner.run(query, variables);
        const rows = response.frames.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0);
        if (response.error) failures.push(`${query.dashboard} / ${query.where}: ${response.error}`);
        else if (rows === 0 && !needsADayOfHistory(query)) empty.push(`${query.dashboard} / ${query.where}`);
      }
      return [failures, empty];
    }

    it("into FlowLens's FLOWS with today's layout: no error, and rows for every query", async () => {
      stageFile('hour-v2_7', hourRecords, today);
      await run('DELETE FROM FLOWS');
      await run(copyFrom('v2.7+', 'hour-v2_7'));
      expect(await count('SELECT count(*) FROM FLOWS')).toBe(hourRecords.length);
      const [failures, empty] = await failuresAndEmpty(snowflakeDataSource(server));
      expect(failures).toEqual([]);
      expect(empty).toEqual([]);
    });

    it("into Theia's FLOWS: its own COPY stores empty fields as NULL; after theia-flows.sql and the new COPY, every query has rows", async () => {
      // The first 20 minutes arrive before the upgrade, through Theia's pipe and Antrea v1.14's layout.
      const upgrade = Date.parse('2025-01-06T09:00:00Z') / 1000;
      const before = hourRecords.filter((record) => record.timeInserted < upgrade);
      const after = hourRecords.filter((record) => record.timeInserted >= upgrade);
      stageFile('theia-v1_14', before, v114);
      await run(`COPY INTO FLOWS FROM @FLOWSTAGE/theia-v1_14/ ${theiaSnowflakeCopyOptions}`, theiaEngine);
      expect(await count('SELECT count(*) FROM FLOWS WHERE destinationPodName IS NULL', theiaEngine)).toBeGreaterThan(
        0
      );
      expect(await count("SELECT count(*) FROM FLOWS WHERE destinationPodName = ''", theiaEngine)).toBe(0);

      for (const statement of theiaMigration
        .replace(/^--.*$/gm, '')
        .split(';')
        .map((text) => text.trim())) {
        if (statement) await run(statement, theiaEngine);
      }
      expect(await count('SELECT count(*) FROM FLOWS WHERE destinationPodName IS NULL', theiaEngine)).toBe(0);

      stageFile('theia-v2_7', after, today);
      await run(copyFrom('v2.7+', 'theia-v2_7'), theiaEngine);
      expect(await count('SELECT count(*) FROM FLOWS', theiaEngine)).toBe(hourRecords.length);
      expect(await count("SELECT count(*) FROM FLOWS WHERE destinationServiceIP != ''", theiaEngine)).toBeGreaterThan(
        0
      );

      const theia = snowflakeDataSource(server);
      const [failures, empty] = await failuresAndEmpty({
        ...theia,
        uid: 'theia-snowflake',
        jsonData: { ...theia.jsonData, schema: 'THEIA' },
      });
      expect(failures).toEqual([]);
      expect(empty).toEqual([]);
    });
  });
});
