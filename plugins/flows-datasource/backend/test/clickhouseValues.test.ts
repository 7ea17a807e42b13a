import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseServer } from '@flowlens/testkit';
import type { ClickHouseEngine } from '../src/engines/clickhouse/clickhouseEngine.ts';
import type { QueryResult } from '../src/engines/engine.ts';
import { encodeFrame } from '../src/protocol/arrowFrames.ts';
import { engineFor, neverAborted, startLegacyClickHouse, startModernClickHouse } from './support/engines.ts';

// One probe both servers understand: every type of the flows schema and the common others that 18.16 has.
const commonProbe = `
SELECT
  toInt8(-8) AS i8, toInt16(-16) AS i16, toInt32(-32) AS i32, toInt64('-9223372036854775808') AS i64,
  toUInt8(255) AS u8, toUInt16(65535) AS u16, toUInt32(4294967295) AS u32, toUInt64('18446744073709551615') AS u64,
  toFloat32(1.5) AS f32, toFloat64(-2.25) AS f64, nan AS fnan, inf AS finf,
  toDecimal64(12.345, 3) AS dec,
  'héllo ✓' AS s, toFixedString('ab', 4) AS fs,
  toDate('2026-11-22') AS d, toDateTime(1763772000) AS t, toDateTime(1763772000, 'Asia/Tokyo') AS ttz,
  toNullable(toUInt64(7)) AS n_some, CAST(NULL AS Nullable(UInt64)) AS n_none, CAST(NULL AS Nullable(String)) AS s_none,
  CAST('drop' AS Enum8('allow' = 1, 'drop' = 2)) AS e,
  toUUID('00000000-0000-0000-0000-0000000000ff') AS uuid,
  [1, 2, 3] AS arr, tuple(1, 'x') AS tup
`;

type Row = Record<string, unknown>;

function firstRow(result: QueryResult): Row {
  return Object.fromEntries(result.fields.map((field) => [field.name, field.values.get(0)]));
}

function kinds(result: QueryResult): Record<string, string> {
  return Object.fromEntries(result.fields.map((field) => [field.name, field.kind]));
}

/** Decodes what Grafana would receive: the Arrow IPC file bytes of the frame. */
function onTheWire(result: QueryResult): Table {
  return tableFromIPC(encodeFrame({ refId: 'A', name: 'A', fields: result.fields }));
}

const expectedKinds = {
  i8: 'number',
  i64: 'number',
  u64: 'number',
  f64: 'number',
  dec: 'number',
  s: 'string',
  fs: 'string',
  d: 'time',
  t: 'time',
  ttz: 'time',
  n_some: 'number',
  n_none: 'number',
  s_none: 'string',
  e: 'string',
  uuid: 'string',
  arr: 'other',
  tup: 'other',
};

function expectProbeValues(row: Row): void {
  expect(row.i8).toBe(-8);
  expect(row.i64).toBe(-9223372036854775808n);
  expect(row.u32).toBe(4294967295);
  expect(row.u64).toBe(18446744073709551615n);
  expect(row.f32).toBe(1.5);
  expect(row.f64).toBe(-2.25);
  expect(row.fnan).toBeNaN();
  expect(row.finf).toBe(Number.POSITIVE_INFINITY);
  expect(row.dec).toBeCloseTo(12.345, 10);
  expect(row.s).toBe('héllo ✓');
  expect(row.fs).toBe('ab');
  expect(row.d).toBe(Date.UTC(2026, 10, 22));
  expect(row.t).toBe(1763772000_000);
  expect(row.ttz).toBe(1763772000_000);
  expect(row.n_some).toBe(7n);
  expect(row.n_none).toBeNull();
  expect(row.s_none).toBeNull();
  expect(row.e).toBe('drop');
  expect(row.uuid).toBe('00000000-0000-0000-0000-0000000000ff');
  expect(JSON.parse(new TextDecoder().decode(row.arr as Uint8Array))).toEqual([1, 2, 3]);
  expect(JSON.parse(new TextDecoder().decode(row.tup as Uint8Array))).toEqual([1, 'x']);
}

describe.each([
  ['ClickHouse 26 via chDB (Arrow path)', 'modern'],
  ['ClickHouse 18.16 server (row path)', 'legacy'],
] as const)('%s', (_name, which) => {
  let engine: ClickHouseEngine;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    if (which === 'modern') {
      const server = await startModernClickHouse();
      engine = engineFor(server.url);
      stop = server.close;
    } else {
      const server: ClickHouseServer = await startLegacyClickHouse();
      engine = engineFor(server.url);
      stop = () => server.close();
    }
  });
  afterAll(async () => {
    await engine.close();
    await stop();
  });

  const options = { timeoutMs: 30_000, rowLimit: 1000, signal: neverAborted };

  it('maps every column type to the right Grafana field with exact values and nulls', async () => {
    const result = await engine.query(commonProbe, options);
    expect(kinds(result)).toMatchObject(expectedKinds);
    expectProbeValues(firstRow(result));
  });

  it('reads scalar results the same way (TabSeparated stream on 18.16), escapes included', async () => {
    const scalarProbe = commonProbe.replace(/,\s*\[1, 2, 3\] AS arr, tuple\(1, 'x'\) AS tup/, '');
    const result = await engine.query(`${scalarProbe}, 'tab\\there\\nnew\\\\line' AS escaped`, options);
    const row = firstRow(result);
    expectProbeValues({ ...row, arr: new TextEncoder().encode('[1,2,3]'), tup: new TextEncoder().encode('[1,"x"]') });
    expect(row.escaped).toBe('tab\there\nnew\\line');
  });

  it('encodes frames Grafana decodes: Timestamp(ns), Uint64, Utf8 and tstype metadata', async () => {
    const result = await engine.query(
      'SELECT toDateTime(1763772000) AS t, toUInt64(18446744073709551615) AS bytes, toString(number) AS pod FROM system.numbers LIMIT 3',
      options
    );
    const table = onTheWire(result);
    const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, String(field.type)]));
    expect(types).toEqual({ t: 'Timestamp<NANOSECOND>', bytes: 'Uint64', pod: 'Utf8' });
    const tstypes = Object.fromEntries(table.schema.fields.map((field) => [field.name, field.metadata.get('tstype')]));
    expect(tstypes).toEqual({ t: 'time', bytes: 'number', pod: 'string' });
    expect(table.numRows).toBe(3);
    expect(table.getChild('bytes')?.get(2)).toBe(18446744073709551615n);
  });

  it('stops at the row limit and says so', async () => {
    const result = await engine.query('SELECT number FROM system.numbers LIMIT 100000', { ...options, rowLimit: 1234 });
    expect(result.rowCount).toBe(1234);
    expect(result.fields[0]!.values.length).toBe(1234);
    expect(result.truncated).toBe(true);
    const exact = await engine.query('SELECT number FROM system.numbers LIMIT 1234', { ...options, rowLimit: 1234 });
    expect(exact.truncated).toBe(false);
  });

  it('returns typed empty columns for a result without rows', async () => {
    const result = await engine.query(
      'SELECT toDateTime(number) AS t, toString(number) AS s FROM system.numbers LIMIT 0',
      options
    );
    expect(result.rowCount).toBe(0);
    expect(result.fields.map((field) => [field.name, field.kind, field.values.length])).toEqual([
      ['t', 'time', 0],
      ['s', 'string', 0],
    ]);
  });

  it('refuses a FORMAT clause, which would make the reader misread the answer, and says to remove it', async () => {
    // A query with FORMAT cannot be described, so it is read as JSONCompact; FORMAT CSV of one
    // string ("a") is even valid JSON, which once surfaced as a TypeError called a server failure.
    for (const select of ['SELECT number FROM system.numbers LIMIT 3', "SELECT CAST('a' AS Enum8('a' = 1)) AS e"]) {
      await expect(engine.query(`${select} FORMAT CSV`, options)).rejects.toMatchObject({
        kind: 'query',
        message: expect.stringMatching(/FORMAT clause/),
      });
    }
  });

  it("reports an unknown table with ClickHouse's own message", async () => {
    await expect(engine.query('SELECT * FROM no_such_table', options)).rejects.toMatchObject({
      kind: 'query',
      message: expect.stringMatching(/no_such_table/),
    });
  });
});

describe('modern-only types (ClickHouse 26 via chDB)', () => {
  let engine: ClickHouseEngine;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const server = await startModernClickHouse();
    engine = engineFor(server.url);
    stop = server.close;
  });
  afterAll(async () => {
    await engine.close();
    await stop();
  });

  it('maps Bool, DateTime64, LowCardinality, IPs, Map and 128-bit integers', async () => {
    const result = await engine.query(
      `SELECT true AS b, toDateTime64('2026-11-22 01:02:03.456', 3, 'UTC') AS t64, toLowCardinality('kube-system') AS lc,
        toIPv4('10.0.1.2') AS ip4, toIPv6('2001:db8::1') AS ip6, map('a', 1) AS m, toInt128('-170141183460469231731687303715884105728') AS i128,
        CAST(NULL AS Nullable(DateTime)) AS tnull, toDate32('2026-11-22') AS d32`,
      { timeoutMs: 30_000, rowLimit: 10, signal: neverAborted }
    );
    const row = firstRow(result);
    expect(kinds(result)).toMatchObject({
      b: 'boolean',
      t64: 'time',
      lc: 'string',
      ip4: 'string',
      ip6: 'string',
      m: 'other',
      i128: 'string',
      tnull: 'time',
    });
    expect(row.b).toBe(true);
    expect(row.t64).toBe(Date.UTC(2026, 10, 22, 1, 2, 3, 456));
    expect(row.lc).toBe('kube-system');
    expect(row.ip4).toBe('10.0.1.2');
    expect(row.ip6).toBe('2001:db8::1');
    expect(JSON.parse(new TextDecoder().decode(row.m as Uint8Array))).toEqual({ a: 1 });
    expect(row.i128).toBe('-170141183460469231731687303715884105728');
    expect(row.tnull).toBeNull();
    expect(row.d32).toBe(Date.UTC(2026, 10, 22));
  });

  it('keeps LowCardinality and IPv4 exact on the Arrow path', async () => {
    const result = await engine.query(
      'SELECT toLowCardinality(toString(number % 3)) AS ns, toIPv4(number) AS ip, toDateTime(number) AS t FROM system.numbers LIMIT 5',
      { timeoutMs: 30_000, rowLimit: 10, signal: neverAborted }
    );
    expect([...result.fields[0]!.values]).toEqual(['0', '1', '2', '0', '1']);
    expect([...result.fields[1]!.values]).toEqual(['0.0.0.0', '0.0.0.1', '0.0.0.2', '0.0.0.3', '0.0.0.4']);
    expect([...result.fields[2]!.values]).toEqual([0, 1000, 2000, 3000, 4000]);
  });
});
