import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseEngine } from '../src/engines/clickhouse/clickhouseEngine.ts';
import type { QueryResult } from '../src/engines/engine.ts';
import { engineFor, neverAborted, startLegacyClickHouse, startModernClickHouse } from './support/engines.ts';
import { mixedRows } from './support/mixedRows.ts';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy.ts';

/**
 * A statement with a scalar subquery is sent once and read with the column types its answer's header
 * gives (engines/clickhouse/scalarSubqueries.ts), not described first: DESCRIBE runs such a subquery
 * too. On both servers, through a proxy that records what the backend sends, against the answers the
 * usual path (DESCRIBE, then Arrow on chDB, RowBinary on 18.16) reads.
 */
const servers: Array<[string, () => Promise<{ url: string; close(): Promise<void> }>]> = [
  ['chDB (ClickHouse 26)', startModernClickHouse],
  ["Debian's clickhouse-server 18.16", startLegacyClickHouse],
];

function values(result: QueryResult): Record<string, unknown[]> {
  return Object.fromEntries(result.fields.map((field) => [field.name, [...field.values]]));
}

function shapes(result: QueryResult) {
  return result.fields.map((field) => [field.name, field.kind, String(field.values.type), field.nullable]);
}

describe.each(servers)('%s', (_name, start) => {
  let server: { url: string; close(): Promise<void> };
  let proxy: RecordingProxy;
  let engine: ClickHouseEngine;

  beforeAll(async () => {
    server = await start();
    proxy = await startRecordingProxy(server.url);
    engine = engineFor(proxy.url);
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await proxy?.close();
    await server?.close();
  });

  const run = (sql: string, rowLimit = 200_000) =>
    engine.query(sql, { timeoutMs: 60_000, rowLimit, signal: neverAborted });
  /** What the backend sent for the statements since `from` that contain `marker`, and any DESCRIBE. */
  const sentSince = (from: number, marker: string) => ({
    statements: proxy.sent.slice(from).filter((text) => text.includes(marker) && !/DESCRIBE/i.test(text)).length,
    describes: proxy.sent.slice(from).filter((text) => /DESCRIBE/i.test(text)).length,
  });

  it('sends the statement once, without DESCRIBE, and reads every type as the described path does', async () => {
    const described = await run(mixedRows);
    const scalar = await run('SELECT max(number) AS latest FROM numbers(43)');
    const from = proxy.sent.length;
    const once = await run(`SELECT *, (SELECT max(number) FROM numbers(43)) AS latest FROM (${mixedRows})`);
    expect(sentSince(from, 'AS latest')).toEqual({ statements: 1, describes: 0 });
    expect(once.rowCount).toBe(140_000);
    expect(once.truncated).toBe(false);
    const { latest, ...rest } = values(once);
    expect(rest).toEqual(values(described));
    expect(shapes(once).slice(0, -1)).toEqual(shapes(described));
    expect(new Set(latest)).toEqual(new Set(values(scalar).latest));
  }, 60_000);

  it('stops at the row limit and says so', async () => {
    const result = await run('SELECT number, (SELECT 7) AS seven FROM system.numbers LIMIT 100000', 1234);
    expect(result.rowCount).toBe(1234);
    expect(result.truncated).toBe(true);
    expect([...result.fields[0]!.values].slice(-1).map(Number)).toEqual([1233]);
  });

  it('answers with no rows, named columns', async () => {
    const result = await run('SELECT number AS n, (SELECT 1) AS one FROM numbers(3) WHERE n > 5');
    expect(result.rowCount).toBe(0);
    expect(result.fields.map((field) => field.name)).toEqual(['n', 'one']);
  });

  it('describes and runs it again when a column has a type the format has no reader for', async () => {
    const from = proxy.sent.length;
    const result = await run('SELECT [number, 1] AS pair, (SELECT 3) AS three FROM numbers(3) ORDER BY number');
    expect(sentSince(from, 'AS three')).toEqual({ statements: 2, describes: 1 });
    // The stopped first run is killed by its query id, asynchronously: the second run has its own.
    const ids = proxy.sent
      .slice(from)
      .filter((text) => text.includes('AS three') && !/DESCRIBE/i.test(text))
      .map((text) => /query_id=([^&\n]+)/.exec(text)?.[1]);
    expect(new Set(ids).size).toBe(2);
    expect(ids.every(Boolean)).toBe(true);
    // Arrays come as JSON text (the JSONCompact path), 64-bit numbers quoted.
    const pairs = values(result).pair!.map((pair) =>
      (JSON.parse(new TextDecoder().decode(pair as Uint8Array)) as string[]).map(Number)
    );
    expect(pairs).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it('reports a mistake in the statement by name', async () => {
    await expect(run('SELECT nosuchcolumn, (SELECT 1) AS one FROM numbers(1)')).rejects.toThrow(/nosuchcolumn/);
    await expect(run('SELECT number FROM numbers(1) FORMAT CSV WHERE (SELECT 1) = 1')).rejects.toThrow();
  });

  it('leaves statements without one to the described path', async () => {
    const from = proxy.sent.length;
    await run('SELECT count() AS c FROM numbers(10) WHERE number IN (SELECT number FROM numbers(3))');
    expect(sentSince(from, 'AS c')).toEqual({ statements: 1, describes: 1 });
  });
});
