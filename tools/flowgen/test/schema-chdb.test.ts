import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applySchema,
  chdbSchemaTarget,
  flowColumns,
  generateFlows,
  loadIntoChdb,
  type SchemaReport,
} from '../src/index.ts';
import { expectRollupConnectionsMatchRaw } from './helpers/rollupConnections.ts';
import { extremeRows, parseSelected, recordAsText, selectAsText, sortRows, tabSeparated } from './helpers/roundTrip.ts';

// chDB allows one data folder per process, so every chDB check of the schema lives in this file.
let dir: string;
let session: Session;
let report: SchemaReport;
const skipNotes: string[] = [];

const text = async (sql: string) => (await session.queryAsync(sql, { format: 'TabSeparated' })).text().trim();
const count = async (where = '1') => Number(await text(`SELECT count() FROM flows WHERE ${where}`));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowgen-chdb-'));
  session = new Session(dir);
  report = await applySchema(chdbSchemaTarget(session), { retentionHours: 48, log: (line) => skipNotes.push(line) });
});

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the ClickHouse schema on chDB (ClickHouse 26.x engine)', () => {
  it('applies every file, with the retention asked for and deduplication on', async () => {
    expect(report.skipped).toEqual([]);
    expect(report.adapted).toEqual([]);
    expect(skipNotes).toEqual([]);
    expect(report.applied.map((file) => file.file)).toEqual([
      '01-flows.sql',
      '02-flows-retention.sql',
      '03-flows-deduplication.sql',
      '04-policy-events.sql',
      '05-flows-rollups.sql',
      '06-flows-rollups-retention.sql',
    ]);
    const create = await text("SELECT create_table_query FROM system.tables WHERE name = 'flows'");
    expect(create).toContain('TTL timeInserted + toIntervalHour(48)');
    expect(create).toContain('non_replicated_deduplication_window = 1000');
    expect(await text("SELECT sorting_key FROM system.tables WHERE name = 'flows'")).toBe(
      'timeInserted, flowEndSeconds'
    );
    // The per-minute rollup outlives the raw records (docs/rollups.md).
    expect(await text("SELECT create_table_query FROM system.tables WHERE name = 'flows_minutes'")).toContain(
      'TTL minute + toIntervalDay(30)'
    );
    // The records below are from 2025: a 48-hour TTL would delete them while the tests read them.
    await session.queryAsync('ALTER TABLE flows REMOVE TTL');
    await session.queryAsync('ALTER TABLE flows_minutes REMOVE TTL');
  });

  it('has every column of docs/schema.md with its type, plus the later Antrea ones, and the defaults', async () => {
    const columns = (await text("SELECT name, type, default_expression FROM system.columns WHERE table = 'flows'"))
      .split('\n')
      .map((line) => line.split('\t'));
    const types = Object.fromEntries(columns.map(([name, type]) => [name, type]));
    expect(types).toEqual(Object.fromEntries(flowColumns.map((column) => [column.name, column.type])));
    const defaults = Object.fromEntries(columns.filter(([, , value]) => value).map(([name, , value]) => [name, value]));
    expect(defaults).toEqual({
      timeInserted: 'now()',
      trusted: '0',
      destinationServiceIP: 'destinationClusterIP',
      // TabSeparated escapes the quotes of the expression ''.
      appProtocolName: String.raw`\'\'`,
      httpVals: String.raw`\'\'`,
    });
  });

  it('stores and returns extreme values exactly, UInt64 above 2^53 included', async () => {
    const rows = extremeRows();
    await session.insert({
      table: 'flows',
      values: Buffer.from(tabSeparated(rows)),
      format: 'TSV',
      columns: flowColumns.map((column) => column.name),
    });
    const back = parseSelected(
      await text(
        selectAsText('flows', "clusterUUID = '00000000-0000-4000-8000-000000000000' OR tcpState = 'ESTABLISHED'")
      )
    );
    expect(back).toEqual(sortRows(rows));
  });

  it('fills timeInserted and trusted from their defaults when a loader leaves them out', async () => {
    const before = Math.floor(Date.now() / 1000);
    await session.insert({
      table: 'flows',
      values: Buffer.from('defaults-check\t1736164800\n'),
      format: 'TSV',
      columns: ['sourcePodName', 'flowEndSeconds'],
    });
    const after = Math.ceil(Date.now() / 1000);
    const [timeInserted, trusted] = (
      await text("SELECT toUInt32(timeInserted), trusted FROM flows WHERE sourcePodName = 'defaults-check'")
    )
      .split('\t')
      .map(Number);
    expect(timeInserted).toBeGreaterThanOrEqual(before);
    expect(timeInserted).toBeLessThanOrEqual(after);
    expect(trusted).toBe(0);
  });
});

describe('loading flowgen records into chDB', () => {
  const options = {
    seed: 21,
    from: '2025-02-03T08:00:00Z',
    count: 8_000,
    batchRows: 1_000,
    applySchema: false,
  } as const;
  const where =
    "timeInserted >= toDateTime('2025-02-03 08:00:00') AND timeInserted < toDateTime('2025-02-04 00:00:00')";

  it('reads back every record with the values generateFlows gives', async () => {
    const result = await loadIntoChdb(session, options);
    expect(result.rows).toBe(8_000);
    expect(result.batches).toBeGreaterThanOrEqual(8);
    const expected = sortRows([...generateFlows(options)].map(recordAsText));
    const back = parseSelected(await text(selectAsText('flows', where)));
    expect(back.length).toBe(expected.length);
    expect(back).toEqual(expected);
  });

  it('stores a repeated load once (same batches, same deduplication tokens), and a new seed in full', async () => {
    await loadIntoChdb(session, options);
    expect(await count(where)).toBe(8_000);
    await loadIntoChdb(session, { ...options, seed: 22 });
    expect(await count(where)).toBe(16_000);
    const distinct = Number(
      await text(
        `SELECT uniqExact(flowStartSeconds, sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, protocolIdentifier, flowEndSeconds, clusterUUID) FROM flows WHERE ${where}`
      )
    );
    expect(distinct).toBe(16_000);
  });

  it('loads a few hundred thousand records in seconds and applies the schema itself', async () => {
    const started = performance.now();
    const result = await loadIntoChdb(session, { seed: 23, from: '2025-02-10T00:00:00Z', count: 300_000, scale: 3 });
    const seconds = (performance.now() - started) / 1000;
    expect(result.schema?.applied.map((file) => file.file)).toEqual([
      '01-flows.sql',
      '03-flows-deduplication.sql',
      '04-policy-events.sql',
      '05-flows-rollups.sql',
    ]);
    // A backfill keeps its past records: neither the raw nor the rollup retention is applied.
    expect(result.schema?.skipped.map((file) => file.file)).toEqual([
      '02-flows-retention.sql',
      '06-flows-rollups-retention.sql',
    ]);
    expect(await text("SELECT create_table_query FROM system.tables WHERE name = 'flows'")).not.toContain('TTL');
    expect(
      await count(
        "timeInserted >= toDateTime('2025-02-10 00:00:00') AND timeInserted < toDateTime('2025-02-11 00:00:00')"
      )
    ).toBe(300_000);
    console.log(
      `chDB: ${result.rows} records in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds)} records/s)`
    );
  });
  it('keeps, per minute, the connections the raw records hold, once its rows are merged', async () => {
    await expectRollupConnectionsMatchRaw(text);
  });
});
