import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseServer } from '@flowlens/testkit';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import type { MacroContext } from '../src/sql/dialect.ts';
import { expandMacros } from '../src/sql/macroExpander.ts';
import { toSql } from '../src/sql/statementPlan.ts';
import { startLegacyClickHouse } from './support/engines.ts';

/**
 * Queries pasted from Grafana's official ClickHouse datasource. The cases of its macro tests
 * (grafana/clickhouse-datasource, pkg/macros/macros_test.go) as facts, then proof on the ClickHouse
 * engine itself that where our spelling differs from the official one it selects the same rows and
 * makes the same buckets, of the same type.
 */

// The official tests' range and interval: 2014-11-12T11:45:26.371Z → 2015-11-12T11:45:26.371Z, 20 s.
const official: MacroContext = { timeRange: { fromMs: 1415792726371, toMs: 1447328726371 }, intervalMs: 20_000 };
// Its interpolation tests' range: …26.123Z → …26.456Z.
const interpolation: MacroContext = { ...official, timeRange: { fromMs: 1415792726123, toMs: 1447328726456 } };

describe("the official datasource's macro test cases", () => {
  it.each([
    ['$__fromTime', 'toDateTime(1415792726)'],
    ['$__toTime', 'toDateTime(1447328726)'],
    ['$__fromTime_ms', 'fromUnixTimestamp64Milli(1415792726371)'],
    ['$__toTime_ms', 'fromUnixTimestamp64Milli(1447328726371)'],
    ['$__dateFilter(dateCol)', "dateCol >= toDate('2014-11-12') AND dateCol <= toDate('2015-11-12')"],
    [
      '$__dateTimeFilter(dateCol, timeCol)',
      "(dateCol >= toDate('2014-11-12') AND dateCol <= toDate('2015-11-12')) AND (timeCol >= toDateTime(1415792726) AND timeCol <= toDateTime(1447328726))",
    ],
    [
      '$__dt(dateCol, timeCol)',
      "(dateCol >= toDate('2014-11-12') AND dateCol <= toDate('2015-11-12')) AND (timeCol >= toDateTime(1415792726) AND timeCol <= toDateTime(1447328726))",
    ],
    ['$__timeFrom(ts)', 'ts >= toDateTime(1415792726)'],
    ['$__timeTo(ts)', 'ts <= toDateTime(1447328726)'],
    ['$__interval_s', '20'],
  ])('%s → %s', (input, output) => {
    expect(expandMacros(input, clickhouseDialect, official)).toBe(output);
  });

  it.each([
    [
      'select * from foo where $__timeFilter(cast(sth as timestamp))',
      'select * from foo where cast(sth as timestamp) >= toDateTime(1415792726) AND cast(sth as timestamp) <= toDateTime(1447328726)',
    ],
    [
      'select * from foo where $__timeFilter(cast(sth as timestamp) )',
      'select * from foo where cast(sth as timestamp) >= toDateTime(1415792726) AND cast(sth as timestamp) <= toDateTime(1447328726)',
    ],
    [
      'select * from foo where $__timeFilter_ms(cast(sth as timestamp))',
      'select * from foo where cast(sth as timestamp) >= fromUnixTimestamp64Milli(1415792726123) AND cast(sth as timestamp) <= fromUnixTimestamp64Milli(1447328726456)',
    ],
    [
      'select * from foo where ( date >= $__fromTime and date <= $__toTime ) limit 100',
      'select * from foo where ( date >= toDateTime(1415792726) and date <= toDateTime(1447328726) ) limit 100',
    ],
    [
      'select * from foo where ( date >= $__fromTime ) and ( date <= $__toTime ) limit 100',
      'select * from foo where ( date >= toDateTime(1415792726) ) and ( date <= toDateTime(1447328726) ) limit 100',
    ],
    [
      'select * from foo where ( date >= $__fromTime_ms and date <= $__toTime_ms ) limit 100',
      'select * from foo where ( date >= fromUnixTimestamp64Milli(1415792726123) and date <= fromUnixTimestamp64Milli(1447328726456) ) limit 100',
    ],
  ])('interpolates %s', (input, output) => {
    expect(expandMacros(input, clickhouseDialect, interpolation)).toBe(output);
  });

  it('expands $__interval and $__interval_ms for a query that arrives uninterpolated, as an alert rule does', () => {
    const plan = toSql(
      {
        queryType: 'sql',
        format: 'table',
        rawSql: 'SELECT $__timeGroup(t, $__interval) AS b, $__interval_ms AS ms, $__interval_s AS s',
        adHocFilters: [],
      },
      { timeRange: official.timeRange, intervalMs: 300_000 },
      clickhouseDialect
    );
    expect(plan.sql).toBe(
      'SELECT subtractSeconds(toDateTime(t), toUInt32(toDateTime(t)) % 300) AS b, 300000 AS ms, 300 AS s'
    );
  });
});

// Flow times around the range 2024-01-01 00:00:00.500 → 01:00:00.500 UTC, as epoch milliseconds.
const eventMs = [
  1_704_067_199_000, // 1: a second before the range's first whole second
  1_704_067_200_000, // 2: the first whole second, before the range's millisecond start
  1_704_067_200_700, // 3
  1_704_067_633_000, // 4
  1_704_070_799_999, // 5
  1_704_070_800_400, // 6: the last whole second, inside the range's millisecond end
  1_704_070_800_900, // 7: the last whole second, after the range's millisecond end
  1_704_070_801_000, // 8
  1_704_153_600_000, // 9: the next day
];
const range: MacroContext = {
  timeRange: { fromMs: 1_704_067_200_500, toMs: 1_704_070_800_500 },
  intervalMs: 20_000,
};
const ids = (list: number[]) => list.map(String);

/** Which events each filter keeps, worked out by hand from the times above. */
const filters: Array<[string, string[]]> = [
  ['$__timeFilter(t)', ids([2, 3, 4, 5, 6, 7])],
  ['$__timeFilter_ms(m)', ids([3, 4, 5, 6])],
  ['m >= $__fromTime_ms AND m <= $__toTime_ms', ids([3, 4, 5, 6])],
  ['t >= $__fromTime AND t <= $__toTime', ids([2, 3, 4, 5, 6, 7])],
  ['$__dateFilter(day)', ids([2, 3, 4, 5, 6, 7, 8])],
  ['$__dateTimeFilter(day, t)', ids([2, 3, 4, 5, 6, 7])],
  ['$__dt(day, k)', ids([2, 3, 4, 5, 6, 7])],
  ['$__timeFrom(t)', ids([2, 3, 4, 5, 6, 7, 8, 9])],
  ['$__timeTo(k)', ids([1, 2, 3, 4, 5, 6, 7])],
  ['$__timeFrom(t) AND t <= $__timeTo()', ids([2, 3, 4, 5, 6, 7])],
];

/**
 * Our bucket macros and the official datasource's expansion of the same call, with the interval
 * Grafana sent (20 s, or 5 min through $__interval): the same instants and the same type.
 */
const buckets: Array<{ ours: string; theirs: string; widthMs: number; type: string }> = [
  {
    ours: '$__timeInterval(t)',
    theirs: 'toStartOfInterval(toDateTime(t), INTERVAL 20 second)',
    widthMs: 20_000,
    type: "DateTime('UTC')",
  },
  {
    ours: '$__timeInterval(k)',
    theirs: 'toStartOfInterval(toDateTime(k), INTERVAL 20 second)',
    widthMs: 20_000,
    type: "DateTime('Asia/Kolkata')",
  },
  {
    ours: '$__timeInterval(n)',
    theirs: 'toStartOfInterval(toDateTime(n), INTERVAL 20 second)',
    widthMs: 20_000,
    type: 'DateTime',
  },
  {
    ours: '$__timeInterval(m)',
    theirs: 'toStartOfInterval(toDateTime(m), INTERVAL 20 second)',
    widthMs: 20_000,
    type: "DateTime('UTC')",
  },
  {
    ours: '$__timeInterval_ms(m)',
    theirs: 'toStartOfInterval(toDateTime64(m, 3), INTERVAL 20000 millisecond)',
    widthMs: 20_000,
    type: "DateTime64(3, 'UTC')",
  },
  {
    ours: '$__timeInterval_ms(k)',
    theirs: 'toStartOfInterval(toDateTime64(k, 3), INTERVAL 20000 millisecond)',
    widthMs: 20_000,
    type: "DateTime64(3, 'Asia/Kolkata')",
  },
  {
    ours: "$__timeGroup(t, '5m')",
    theirs: 'toStartOfInterval(toDateTime(t), INTERVAL 300 second)',
    widthMs: 300_000,
    type: "DateTime('UTC')",
  },
  {
    // Kolkata is UTC+5:30: an hour bucket on the epoch is not one on the local clock.
    ours: "$__timeGroup(k, '1h')",
    theirs: 'toStartOfInterval(toDateTime(k), INTERVAL 3600 second)',
    widthMs: 3_600_000,
    type: "DateTime('Asia/Kolkata')",
  },
  {
    ours: '$__timeGroup(k, $__interval)',
    theirs: 'toStartOfInterval(toDateTime(k), INTERVAL 300 second)',
    widthMs: 300_000,
    type: "DateTime('Asia/Kolkata')",
  },
];

describe('the same rows as the official expansions, on ClickHouse 26 (chDB)', () => {
  let session: Session;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-official-macros-'));
    session = new Session(dir);
    session.query(
      "CREATE TABLE events (id UInt32, day Date, t DateTime('UTC'), k DateTime('Asia/Kolkata'), n DateTime, m DateTime64(3, 'UTC')) ENGINE = Memory"
    );
    const values = eventMs.map((ms, i) => {
      const seconds = Math.floor(ms / 1000);
      const day = new Date(ms).toISOString().slice(0, 10);
      return `(${i + 1}, '${day}', ${seconds}, ${seconds}, ${seconds}, fromUnixTimestamp64Milli(${ms}))`;
    });
    session.query(`INSERT INTO events VALUES ${values.join(', ')}`);
  });
  afterAll(() => {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = <T>(sql: string): T[] =>
    session
      .query(sql, 'JSONEachRow')
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as T);

  it.each(filters)('WHERE %s keeps the events it should', (condition, expected) => {
    const sql = expandMacros(`SELECT id FROM events WHERE ${condition} ORDER BY id`, clickhouseDialect, range);
    expect(rows<{ id: number }>(sql).map((row) => String(row.id))).toEqual(expected);
  });

  it.each(buckets)('$ours makes the buckets of $theirs, of type $type', ({ ours, theirs, widthMs, type }) => {
    const expanded = expandMacros(ours, clickhouseDialect, { ...range, grafanaIntervalMs: 300_000 });
    const bucketsOf = (expression: string) =>
      rows<{ type: string; text: string; ms: string }>(
        `SELECT toTypeName(${expression}) AS type, toString(${expression}) AS text, toUnixTimestamp64Milli(toDateTime64(${expression}, 3)) AS ms FROM events ORDER BY id`
      );
    const ourBuckets = bucketsOf(expanded);
    expect(ourBuckets).toEqual(bucketsOf(theirs));
    expect(ourBuckets.map((bucket) => bucket.type)).toEqual(eventMs.map(() => type));
    // Whole-second columns hold the event's second; the bucket is that rounded down on the epoch.
    const column = /\((\w)/.exec(ours)![1];
    const held = (ms: number) => (column === 'm' && ours.includes('_ms') ? ms : Math.floor(ms / 1000) * 1000);
    expect(ourBuckets.map((bucket) => Number(bucket.ms))).toEqual(
      eventMs.map((ms) => Math.floor(held(ms) / widthMs) * widthMs)
    );
  });

  it('leaves dollar-quoted strings as the engine reads them: literals, with the macros after them expanded', () => {
    const sql = expandMacros(
      'SELECT $tag$ -- $tag$ AS quoted, $__interval_s AS seconds, $$ $__timeFrom() $$ AS kept',
      clickhouseDialect,
      range
    );
    expect(rows(sql)).toEqual([{ quoted: ' -- ', seconds: 20, kept: ' $__timeFrom() ' }]);
  });
});

describe('the same buckets and filters on clickhouse-server 18.16', () => {
  let server: ClickHouseServer;
  beforeAll(async () => {
    server = await startLegacyClickHouse();
    await server.query("CREATE TABLE events (id UInt32, day Date, t DateTime('UTC'), n DateTime) ENGINE = Memory");
    const values = eventMs.map((ms, i) => {
      const seconds = Math.floor(ms / 1000);
      return `(${i + 1}, '${new Date(ms).toISOString().slice(0, 10)}', ${seconds}, ${seconds})`;
    });
    await server.query(`INSERT INTO events VALUES ${values.join(', ')}`);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['$__timeInterval(t)', 20, "DateTime('UTC')"],
    ["$__timeGroup(t, '1h')", 3600, "DateTime('UTC')"],
    // A plain DateTime is in the server's time zone; 18.16 names that zone in the bucket's type.
    ['$__timeInterval(n)', 20, 'the server zone'],
  ])('%s keeps the column type (%i s buckets on the epoch)', async (macro, seconds, type) => {
    const expression = expandMacros(macro, clickhouseDialect, range);
    const serverZone = (await server.query('SELECT timezone() FORMAT TabSeparated')).trim();
    const expectedType = type === 'the server zone' ? `DateTime('${serverZone}')` : type;
    const text = await server.query(
      `SELECT toTypeName(${expression}), toUInt32(${expression}) FROM events ORDER BY id FORMAT TabSeparated`
    );
    // TabSeparated escapes the quotes in a type name.
    expect(text.replace(/\\'/g, "'").trim().split('\n')).toEqual(
      eventMs.map((ms) => `${expectedType}\t${Math.floor(ms / 1000 / seconds) * seconds}`)
    );
  });

  it.each(filters.filter(([condition]) => !/_ms|\(m\)|\bk\b/.test(condition)))(
    'WHERE %s keeps the events it should',
    async (condition, expected) => {
      const sql = expandMacros(
        `SELECT id FROM events WHERE ${condition} ORDER BY id FORMAT TabSeparated`,
        clickhouseDialect,
        range
      );
      expect((await server.query(sql)).trim().split('\n')).toEqual(expected);
    }
  );
});
