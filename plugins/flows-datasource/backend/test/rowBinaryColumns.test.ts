import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { tableFromIPC } from 'apache-arrow';
import type { ClickHouseServer } from '@flowlens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClickHouseType, rowBinaryReadable } from '../src/engines/clickhouse/clickhouseTypes.ts';
import {
  readRowBinary,
  readTabSeparated,
  type DescribedColumn,
  type ResultRequest,
} from '../src/engines/clickhouse/resultFormats.ts';
import { fieldsFromRowBinary } from '../src/engines/clickhouse/rowBinaryColumns.ts';
import type { QueryResult } from '../src/engines/engine.ts';
import { encodeFrame } from '../src/protocol/arrowFrames.ts';
import { neverAborted, startLegacyClickHouse } from './support/engines.ts';
import { mixedRows } from './support/mixedRows.ts';

function values(result: QueryResult): Record<string, unknown[]> {
  return Object.fromEntries(result.fields.map((field) => [field.name, [...field.values]]));
}

describe('RowBinary row path against ClickHouse 18.16', () => {
  let server: ClickHouseServer;
  let client: ClickHouseClient;
  let killed = 0;

  beforeAll(async () => {
    server = await startLegacyClickHouse();
    client = createClient({ url: server.url });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  const request = (statement: string, rowLimit: number): ResultRequest => ({
    client,
    statement,
    queryId: crypto.randomUUID(),
    limits: { max_result_rows: String(rowLimit + 1), result_overflow_mode: 'break' },
    rowLimit,
    serverTimeZone: 'UTC',
    signal: neverAborted,
    kill: () => {
      killed++;
    },
  });

  async function describeColumns(statement: string): Promise<DescribedColumn[]> {
    const result = await client.query({ query: `DESCRIBE TABLE (${statement})`, format: 'JSONEachRow' });
    const rows = await result.json<{ name: string; type: string }>();
    return rows.map((row) => ({ name: row.name, typeText: row.type, type: parseClickHouseType(row.type) }));
  }

  it('reads every value, NULL and field type exactly as the TabSeparated path does', async () => {
    const columns = await describeColumns(mixedRows);
    expect(columns.every((column) => rowBinaryReadable(column.type))).toBe(true);
    const binary = await readRowBinary(request(mixedRows, 200_000), columns);
    const text = await readTabSeparated(request(mixedRows, 200_000), columns);
    expect(binary.rowCount).toBe(140_000);
    expect(binary.fields[0]!.values.data.length).toBe(3);
    expect(tableFromIPC(encodeFrame({ refId: 'A', fields: binary.fields })).numRows).toBe(140_000);
    expect(binary.truncated).toBe(false);
    expect(binary.fields.map((field) => [field.name, field.kind, String(field.values.type), field.nullable])).toEqual(
      text.fields.map((field) => [field.name, field.kind, String(field.values.type), field.nullable])
    );
    expect(values(binary)).toEqual(values(text));
    const nullCounts = Object.fromEntries(binary.fields.map((field) => [field.name, field.values.nullCount]));
    expect(nullCounts).toMatchObject({ n_u64: 46_667, n_s: 35_000, n_t: 23_334, s: 0 });
    expect(values(binary).s![11]).toBe('pod-11\t✓\n');
    expect(values(binary).fs![7]).toBe('7');
  });

  it('reads the same rows whatever the chunk boundaries', async () => {
    const statement = mixedRows.replace('LIMIT 140000', 'LIMIT 300');
    const columns = await describeColumns(statement);
    const raw = await client.exec({ query: statement, clickhouse_settings: { default_format: 'RowBinary' } as never });
    const parts: Buffer[] = [];
    for await (const chunk of raw.stream) parts.push(chunk as Buffer);
    const bytes = Buffer.concat(parts);
    const whole = await fieldsFromRowBinary([bytes], columns, 1000);
    expect(whole.rowCount).toBe(300);
    for (const size of [1, 2, 7, 61]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      const split = await fieldsFromRowBinary(chunks, columns, 1000);
      expect(values(split)).toEqual(values(whole));
    }
  });

  it('stops at the row limit, says so and stops the query', async () => {
    const columns = await describeColumns('SELECT number, toString(number) AS s FROM system.numbers');
    const before = killed;
    const result = await readRowBinary(
      request('SELECT number, toString(number) AS s FROM system.numbers LIMIT 100000', 1234),
      columns
    );
    expect(result.rowCount).toBe(1234);
    expect(result.truncated).toBe(true);
    expect(result.fields[1]!.values.get(1233)).toBe('1233');
    expect(killed).toBe(before + 1);
  });

  it('reports an answer that ends inside a row', async () => {
    const columns = await describeColumns('SELECT toUInt64(1) AS a, toString(2) AS b');
    await expect(fieldsFromRowBinary([Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 5, 104])], columns, 10)).rejects.toThrow(
      /ended inside row 1/
    );
  });
});
