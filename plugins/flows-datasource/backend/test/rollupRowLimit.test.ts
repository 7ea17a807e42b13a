import { describe, expect, it } from 'vitest';
import type { ClickHouseEngine } from '../src/engines/clickhouse/clickhouseEngine.ts';
import { rolledUpServiceMapSql, serviceMapRollup } from '../src/servicemap/rolledUpServiceMapSql.ts';
import { defaultServiceMapOptions } from '../src/servicemap/serviceMapOptions.ts';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import { expandMacros } from '../src/sql/macroExpander.ts';
import type { Rollup } from '../src/sql/rollup.ts';
import { toSql } from '../src/sql/statementPlan.ts';
import { neverAborted } from './support/engines.ts';
import { rolledUpHour, rolledUpServers, useRolledUpServer } from './support/rolledUpServers.ts';

/**
 * The datasource's row limit is `max_result_rows` with `result_overflow_mode = 'break'`. A query read
 * from a rollup counts in subqueries of many more rows than it returns (one per connection id), and
 * the server must cut only the answer, saying so, never those parts: else a count would come back
 * smaller without a word. Both servers, on flowgen's hour, with a limit far below the parts' rows.
 */
const timeRange = { fromMs: Date.parse(rolledUpHour.from), toMs: Date.parse(rolledUpHour.to) };
const context = { timeRange, intervalMs: 60_000, exportIntervalSeconds: 60 };

function builderSql(rollups: Rollup[], metric: string, groupBy: string[] = []): string {
  const plan = toSql(
    { queryType: 'flows', format: 'table', flows: { version: 1, view: 'all', metric, groupBy }, adHocFilters: [] },
    context,
    clickhouseDialect,
    60,
    rollups
  );
  expect(plan.rollup).toBe('flows_minutes');
  return expandMacros(plan.sql, clickhouseDialect, context);
}

function mapSql(rollups: Rollup[]): string {
  const source = serviceMapRollup(rollups, defaultServiceMapOptions, [], { timeRange });
  expect(source).toBeDefined();
  return expandMacros(
    rolledUpServiceMapSql(source!, defaultServiceMapOptions, clickhouseDialect, []),
    clickhouseDialect,
    context
  );
}

/** The last column of an answer, added up, and how many rows it had. */
async function answer(engine: ClickHouseEngine, sql: string, rowLimit: number) {
  const result = await engine.query(sql, { timeoutMs: 60_000, rowLimit, signal: neverAborted });
  const last = result.fields.at(-1)!;
  let total = 0;
  for (let row = 0; row < last.values.length; row++) total += Number(last.values.get(row));
  return { rows: last.values.length, total, truncated: result.truncated };
}

function describeRowLimit(serverName: string, start: () => Promise<{ url: string; close(): Promise<void> }>) {
  describe(`a row limit cuts a rolled-up answer, never its parts: ${serverName}`, () => {
    const server = useRolledUpServer(start);

    it('counts every connection in one row however low the limit', async () => {
      const sql = builderSql(server.rollups(), 'connections');
      const whole = await answer(server.engine(), sql, 1_000_000);
      // Far more ids than the limit flow through the count's subqueries.
      expect(whole.total).toBeGreaterThan(10_000);
      expect(await answer(server.engine(), sql, 50)).toEqual({ ...whole, truncated: false });
    });

    it.each([
      ['connections per pod', (rollups: Rollup[]) => builderSql(rollups, 'connections', ['sourcePod'])],
      ['the service map', mapSql],
    ])('%s: the first rows of the whole answer, marked truncated', async (_name, sqlOf) => {
      const sql = sqlOf(server.rollups());
      const whole = await answer(server.engine(), sql, 1_000_000);
      expect(whole.rows).toBeGreaterThan(50);
      const cut = await answer(server.engine(), sql, 50);
      expect(cut.rows).toBe(50);
      expect(cut.truncated).toBe(true);
      // Busiest first: the 50 rows kept are the whole answer's first 50, with their full counts.
      const first = await server.engine().query(sql, { timeoutMs: 60_000, rowLimit: 1_000_000, signal: neverAborted });
      const kept = await server.engine().query(sql, { timeoutMs: 60_000, rowLimit: 50, signal: neverAborted });
      const column = (fields: typeof first.fields) => [...fields.at(-1)!.values].slice(0, 50).map(Number);
      expect(column(kept.fields)).toEqual(column(first.fields));
    });
  });
}

for (const [serverName, start] of rolledUpServers) describeRowLimit(serverName, start);
