import { resolve } from 'node:path';
import { ClickHouseServer } from '@flowlens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseHttp } from '../src/clickhouse/http.ts';
import {
  applySchema,
  clickhouseSchemaTarget,
  flowColumns,
  generateFlows,
  loadIntoClickHouse,
  type SchemaReport,
} from '../src/index.ts';
import { expectRollupConnectionsMatchRaw } from './helpers/rollupConnections.ts';
import { runFlowgen } from './helpers/cli.ts';
import { extremeRows, parseSelected, recordAsText, selectAsText, sortRows, tabSeparated } from './helpers/roundTrip.ts';

// Debian's clickhouse-server 18.16 with provisioning/clickhouse/users.d: the oldest server we
// support, and the real users Grafana and the loaders log in as.
const usersDir = resolve(import.meta.dirname, '../../../provisioning/clickhouse/users.d');
const writer = { user: 'flowlens_writer', password: 'writer-secret-7731' };
const reader = { user: 'flowlens_reader', password: 'reader-secret-5519' };
let server: ClickHouseServer;
let report: SchemaReport;
const skipNotes: string[] = [];

/** A query as one of the users.d users (testkit's query() mixes two ways to log in, which 18.16 refuses). */
async function queryAs(login: { user: string; password: string }, sql: string): Promise<string> {
  const http = new ClickHouseHttp({ url: server.url, ...login });
  try {
    return await http.query(sql);
  } finally {
    http.close();
  }
}

async function insertText(body: string, columns: string[]): Promise<void> {
  const query = `INSERT INTO flows (${columns.join(', ')}) FORMAT TabSeparated`;
  const response = await fetch(`${server.url}/?query=${encodeURIComponent(query)}`, { method: 'POST', body });
  if (!response.ok) {
    throw new Error(`insert failed: ${await response.text()}`);
  }
}

beforeAll(async () => {
  server = await ClickHouseServer.launch({
    usersDir,
    env: { CLICKHOUSE_WRITER_PASSWORD: writer.password, CLICKHOUSE_READER_PASSWORD: reader.password },
  });
  const target = clickhouseSchemaTarget({ url: server.url });
  try {
    report = await applySchema(target, { log: (line) => skipNotes.push(line) });
  } finally {
    target.close();
  }
});

afterAll(async () => {
  await server?.close();
});

describe('the ClickHouse schema on clickhouse-server 18.16', () => {
  it('creates the tables, skips with a note what 18.16 lacks (TTL 19.6, deduplication 20.10), and adapts the rollup to it', async () => {
    expect(report.serverVersion).toMatch(/^18\.16\./);
    expect(report.applied).toEqual([
      { file: '01-flows.sql', statements: 1 },
      { file: '04-policy-events.sql', statements: 1 },
      // The per-minute rollup: its table, its materialized view, its catalog table and catalog row.
      { file: '05-flows-rollups.sql', statements: 4 },
    ]);
    expect(report.skipped.map(({ file, requires }) => [file, requires])).toEqual([
      ['02-flows-retention.sql', '19.6'],
      ['03-flows-deduplication.sql', '20.10'],
      ['06-flows-rollups-retention.sql', '19.6'],
    ]);
    // The rollup keeps its connection ids as groupArray states there (plain arrays merge from 21.1 on).
    expect(report.adapted).toEqual([{ file: '05-flows-rollups.sql', before: '21.1' }]);
    expect(skipNotes).toHaveLength(4);
    expect(skipNotes).toContainEqual(
      expect.stringMatching(/adapted 05-flows-rollups\.sql for ClickHouse before 21\.1; .* runs 18\.16/)
    );
    expect(skipNotes[0]).toMatch(/skipped 02-flows-retention\.sql: needs ClickHouse 19\.6 or newer; .* runs 18\.16/);
    expect(skipNotes[1]).toMatch(/skipped 03-flows-deduplication\.sql: needs ClickHouse 20\.10 or newer/);
    expect(await server.query("SELECT engine_full FROM system.tables WHERE name = 'flows'")).toContain(
      'ORDER BY (timeInserted, flowEndSeconds)'
    );
  });

  it('has every column with its type and the defaults', async () => {
    const columns = (
      await server.query("SELECT name, type, default_expression FROM system.columns WHERE table = 'flows'")
    )
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(Object.fromEntries(columns.map(([name, type]) => [name, type]))).toEqual(
      Object.fromEntries(flowColumns.map((column) => [column.name, column.type]))
    );
    expect(Object.fromEntries(columns.filter(([, , value]) => value).map(([name, , value]) => [name, value]))).toEqual({
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
    await insertText(
      tabSeparated(rows),
      flowColumns.map((column) => column.name)
    );
    const where = "clusterUUID = '00000000-0000-4000-8000-000000000000' OR tcpState = 'ESTABLISHED'";
    expect(parseSelected(await server.query(selectAsText('flows', where)))).toEqual(sortRows(rows));
  });

  it('fills timeInserted and trusted from their defaults', async () => {
    const before = Math.floor(Date.now() / 1000);
    await insertText('defaults-check\t1736164800\n', ['sourcePodName', 'flowEndSeconds']);
    const after = Math.ceil(Date.now() / 1000);
    const [timeInserted, trusted] = (
      await server.query("SELECT toUInt32(timeInserted), trusted FROM flows WHERE sourcePodName = 'defaults-check'")
    )
      .trim()
      .split('\t')
      .map(Number);
    expect(timeInserted).toBeGreaterThanOrEqual(before);
    expect(timeInserted).toBeLessThanOrEqual(after);
    expect(trusted).toBe(0);
  });
});

describe('the users of users.d', () => {
  const options = { seed: 41, from: '2025-06-02T09:00:00Z', count: 8_000, batchRows: 2_000 };
  const where =
    "timeInserted >= toDateTime('2025-06-02 09:00:00') AND timeInserted < toDateTime('2025-06-03 00:00:00')";

  it('flowlens_writer loads records, read back with the values generateFlows gives', async () => {
    const result = await loadIntoClickHouse({ url: server.url, ...writer, ...options, log: () => {} });
    expect(result.rows).toBe(8_000);
    const expected = sortRows([...generateFlows(options)].map(recordAsText));
    expect(parseSelected(await queryAs(writer, selectAsText('flows', where)))).toEqual(expected);
  });

  it('flowlens_reader reads but cannot insert or change the schema', async () => {
    expect((await queryAs(reader, `SELECT count() FROM flows WHERE ${where}`)).trim()).toBe('8000');
    await expect(loadIntoClickHouse({ url: server.url, ...reader, count: 10, log: () => {} })).rejects.toThrow(
      /readonly mode.*read-only: load with a writer user such as flowlens_writer/s
    );
    await expect(queryAs(reader, 'DROP TABLE flows')).rejects.toThrow(/readonly/);
    await expect(queryAs({ user: reader.user, password: 'wrong-password' }, 'SELECT 1')).rejects.toThrow(/password/i);
  });
  it('the rollup keeps, per minute, the connections the raw records hold, once its rows are merged', async () => {
    await expectRollupConnectionsMatchRaw(async (sql) => (await server.query(sql)).trim());
  });
});

describe('flowgen --sink clickhouse', () => {
  it('applies the schema, loads as the writer with the password from the environment, and never prints it', async () => {
    const url = new URL(server.url);
    url.username = writer.user;
    const run = await runFlowgen(
      [
        '--count',
        '3000',
        '--from',
        '2025-06-09T00:00:00Z',
        '--sink',
        'clickhouse',
        '--url',
        url.toString(),
        '--apply-schema',
      ],
      { env: { CLICKHOUSE_PASSWORD: writer.password } }
    );
    expect(run.stderr).toMatch(/skipped 02-flows-retention\.sql/);
    expect(run.stderr).toMatch(
      /wrote 3,000 records .* to ClickHouse 18\.16\.\d+ at http:\/\/127\.0\.0\.1:\d+, table default\.flows/
    );
    expect(run.stderr).not.toContain(writer.password);
    expect(run.code).toBe(0);
    const stored = await server.query(
      "SELECT count() FROM flows WHERE timeInserted >= toDateTime('2025-06-09 00:00:00') AND timeInserted < toDateTime('2025-06-10 00:00:00')"
    );
    expect(stored.trim()).toBe('3000');
  });

  it('reports a wrong password without echoing it, and exits 1', async () => {
    const run = await runFlowgen(
      [
        '--count',
        '10',
        '--sink',
        'clickhouse',
        '--url',
        server.url,
        '--user',
        writer.user,
        '--password',
        'not-the-secret-42',
      ],
      {}
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/flowgen: ClickHouse at http:\/\/127\.0\.0\.1:\d+ refused .*password/i);
    expect(run.stderr).not.toContain('not-the-secret-42');
  });
});
