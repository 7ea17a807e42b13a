import { describe, expect, it } from 'vitest';
import type { ClickHouseEngine } from '../src/engines/clickhouse/clickhouseEngine.ts';
import type { Filter } from '../src/sql/conditions.ts';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import { listedColumns } from '../src/sql/newestRecords.ts';
import type { Rollup } from '../src/sql/rollup.ts';
import { toSql } from '../src/sql/statementPlan.ts';
import type { TimeRange } from '../src/timeRange.ts';
import { neverAborted } from './support/engines.ts';
import { rolledUpHour, rolledUpServers, useRolledUpServer } from './support/rolledUpServers.ts';

/**
 * The newest records read through a cutoff minute the rollup places must be exactly the records the
 * raw listing gives, in the same order: for a handful of records (cutoff in the newest minute), for
 * more than the range holds (no cutoff), for ranges that start and end inside a minute, with builder
 * and ad-hoc filters. Both servers, on flowgen's hour.
 */
const hour: TimeRange = { fromMs: Date.parse(rolledUpHour.from), toMs: Date.parse(rolledUpHour.to) };
const insideMinutes: TimeRange = { fromMs: hour.fromMs + 17_250, toMs: hour.toMs - 21_500 };

interface Listing {
  name: string;
  flows: Record<string, unknown>;
  adHocFilters?: Filter[];
  timeRange?: TimeRange;
}

const listings: Listing[] = [
  { name: 'the default 10,000 of every record', flows: { view: 'all' } },
  { name: 'one record', flows: { view: 'all', topN: 1 } },
  { name: '37 records, a range inside minutes', flows: { view: 'all', topN: 37 }, timeRange: insideMinutes },
  {
    name: '2,500 records to a Service, an ad-hoc filter on a rollup column',
    flows: { view: 'pod-to-service', topN: 2500 },
    adHocFilters: [{ key: 'flowType', operator: '=', value: '1' }],
  },
  {
    name: 'more records than one namespace has in the range (no cutoff)',
    flows: { view: 'all', topN: 100_000, filters: [{ key: 'namespace', operator: '=', value: 'shop' }] },
    timeRange: insideMinutes,
  },
  {
    name: 'denied records, excluded namespaces',
    flows: {
      view: 'all',
      topN: 300,
      filters: [
        { key: 'ruleAction', operator: 'in', value: ['2', '3'] },
        { key: 'sourceNamespace', operator: 'not in', value: ['kube-system'] },
      ],
    },
  },
];

function listingSql(listing: Listing, rollups: Rollup[], metric = 'newestRecords') {
  return toSql(
    {
      queryType: 'flows',
      format: 'table',
      flows: { version: 1, metric, groupBy: [], filters: [], ...listing.flows },
      adHocFilters: listing.adHocFilters ?? [],
    },
    { timeRange: listing.timeRange ?? hour, intervalMs: 60_000 },
    clickhouseDialect,
    60,
    rollups
  );
}

/** Every row as one line, in the order the server gave them. */
async function rowsOf(engine: ClickHouseEngine, sql: string, rowLimit = 1_000_000) {
  const result = await engine.query(sql, { timeoutMs: 60_000, rowLimit, signal: neverAborted });
  expect(result.fields.map((field) => field.name)).toEqual([...listedColumns]);
  const rows: string[] = [];
  for (let row = 0; row < result.fields[0]!.values.length; row++) {
    rows.push(result.fields.map((field) => String(field.values.get(row))).join('|'));
  }
  return { rows, truncated: result.truncated, ends: [...result.fields[0]!.values].map(Number) };
}

function describeListings(serverName: string, start: () => Promise<{ url: string; close(): Promise<void> }>) {
  describe(`the newest records through the rollup's cutoff are the raw listing's: ${serverName}`, () => {
    const server = useRolledUpServer(start);

    it.each(listings)('$name', async (listing) => {
      const rolled = listingSql(listing, server.rollups());
      expect(rolled.rollup).toBe('flows_minutes');
      const raw = listingSql(listing, []);
      expect(raw.rollup).toBeUndefined();
      const [fromRollup, fromRaw] = [await rowsOf(server.engine(), rolled.sql), await rowsOf(server.engine(), raw.sql)];
      expect(fromRollup.rows).toEqual(fromRaw.rows);
      // Newest first, and as many as asked for or as the range holds.
      expect(fromRaw.ends).toEqual([...fromRaw.ends].sort((a, b) => b - a));
      // The records the question matches, counted by the builder over the raw records.
      const count = await server.engine().query(listingSql(listing, [], 'flowRecords').sql, {
        timeoutMs: 60_000,
        rowLimit: 10,
        signal: neverAborted,
      });
      const matching = Number(count.fields.at(-1)!.values.get(0));
      expect(matching).toBeGreaterThan(0);
      const asked = (listing.flows.topN as number | undefined) ?? 10_000;
      expect(fromRaw.rows).toHaveLength(Math.min(asked, matching));
    });

    it('with the row limit below the listing, its first rows, marked truncated', async () => {
      const sql = listingSql(listings[0]!, server.rollups()).sql;
      const whole = await rowsOf(server.engine(), sql);
      const cut = await rowsOf(server.engine(), sql, 50);
      expect(cut.truncated).toBe(true);
      expect(cut.rows).toEqual(whole.rows.slice(0, 50));
    });
  });
}

for (const [serverName, start] of rolledUpServers) describeListings(serverName, start);
