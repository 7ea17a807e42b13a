import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakesnowServer } from '@flowlens/testkit';
import { quoteLiteral } from '../../src/variables/sqlLiteral.ts';
import type { SnowflakeEngine } from '../src/engines/snowflake/snowflakeEngine.ts';
import { MacroError, type MacroContext } from '../src/sql/dialect.ts';
import { expandMacros } from '../src/sql/macroExpander.ts';
import { snowflakeDialect } from '../src/sql/snowflakeDialect.ts';
import { neverAborted } from './support/engines.ts';
import { snowflakeEngine } from './support/snowflake.ts';

// The ClickHouse macro tests' range: 2014-11-12T11:45:26.371Z → 2015-11-12T11:45:26.371Z, interval 20 s.
const context: MacroContext = { timeRange: { fromMs: 1415792726371, toMs: 1447328726371 }, intervalMs: 20_000 };
const expand = (sql: string) => expandMacros(sql, snowflakeDialect, context);
const bucket = (column: string, seconds: number) =>
  `TO_TIMESTAMP_NTZ(FLOOR(DATE_PART(EPOCH_SECOND, ${column}) / ${seconds}) * ${seconds})`;

describe('Snowflake macros', () => {
  it.each([
    [
      '$__timeFilter(flowEndSeconds)',
      'flowEndSeconds >= TO_TIMESTAMP_TZ(1415792726) AND flowEndSeconds <= TO_TIMESTAMP_TZ(1447328726)',
    ],
    ['$__timeFilter_ms(t)', 't >= TO_TIMESTAMP_TZ(1415792726371, 3) AND t <= TO_TIMESTAMP_TZ(1447328726371, 3)'],
    ['$__dateFilter(d)', "d >= TO_DATE('2014-11-12') AND d <= TO_DATE('2015-11-12')"],
    ['$__timeFrom()', 'TO_TIMESTAMP_TZ(1415792726)'],
    ['$__timeTo()', 'TO_TIMESTAMP_TZ(1447328726)'],
    ['$__timeFrom(ts)', 'ts >= TO_TIMESTAMP_TZ(1415792726)'],
    ['$__timeTo(ts)', 'ts <= TO_TIMESTAMP_TZ(1447328726)'],
    [
      '$__dt(d, t)',
      "(d >= TO_DATE('2014-11-12') AND d <= TO_DATE('2015-11-12')) AND (t >= TO_TIMESTAMP_TZ(1415792726) AND t <= TO_TIMESTAMP_TZ(1447328726))",
    ],
    [
      '$__dateTimeFilter(d, t)',
      "(d >= TO_DATE('2014-11-12') AND d <= TO_DATE('2015-11-12')) AND (t >= TO_TIMESTAMP_TZ(1415792726) AND t <= TO_TIMESTAMP_TZ(1447328726))",
    ],
    ['$__interval', '20s'],
    ['$__interval_ms', '20000'],
    ['$__timeInterval_ms(t)', 'TO_TIMESTAMP_NTZ(FLOOR(DATE_PART(EPOCH_MILLISECOND, t) / 20000) * 20000, 3)'],
    ['$__fromTime', 'TO_TIMESTAMP_TZ(1415792726)'],
    ['$__toTime', 'TO_TIMESTAMP_TZ(1447328726)'],
    ['$__fromTime_ms', 'TO_TIMESTAMP_TZ(1415792726371, 3)'],
    ['$__toTime_ms', 'TO_TIMESTAMP_TZ(1447328726371, 3)'],
    ['$__interval_s', '20'],
    ['$__timeRange_s', '31536000'],
    ['$__timeInterval(flowEndSeconds)', bucket('flowEndSeconds', 20)],
    ["$__timeGroup(flowEndSeconds, '5m')", bucket('flowEndSeconds', 300)],
    ['$__timeGroup(flowEndSeconds, 1h)', bucket('flowEndSeconds', 3600)],
    ['$__timeGroup(flowEndSeconds, $__interval_s)', bucket('flowEndSeconds', 20)],
    ["$__conditionalAll(ns IN ('a','b'), 'a','b')", "(ns IN ('a','b'))"],
    ["$__conditionalAll(ns IN ($ns), '$__all')", '1=1'],
  ])('%s → %s', (input, output) => {
    expect(expand(input)).toBe(output);
  });

  it('names the macro and what it expects when misused', () => {
    expect(() => expand('$__timeFilter()')).toThrow(MacroError);
    expect(() => expand('$__timeGroup(t)')).toThrow(/timeGroup: expects 2 arguments/);
    expect(() => expand('$__nope(x)')).toThrow(/unknown macro/);
  });

  it('quotes identifiers and matches patterns anywhere in the value, like ClickHouse match()', () => {
    expect(snowflakeDialect.quoteIdentifier('sourcePod')).toBe('"sourcePod"');
    expect(snowflakeDialect.quoteIdentifier('a"b')).toBe('"a""b"');
    expect(snowflakeDialect.regexMatch('x', "'^a'")).toBe("REGEXP_INSTR(x, '^a') > 0");
  });
});

// Unpaired surrogates have no UTF-8 form, so no SQL text can carry them.
const transportable = (value: string) => value === Buffer.from(value, 'utf8').toString('utf8');
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    "'",
    "''",
    "\\'",
    '\\',
    '\\\\',
    "'; DROP TABLE FLOWS; --",
    '\u0000',
    '\u00001',
    '\\x00',
    '"',
    '\n',
    '$$'
  )
);

describe('Snowflake string literals', () => {
  it("are written exactly like the frontend's template values", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        expect(snowflakeDialect.quoteString(value)).toBe(quoteLiteral('snowflake', value));
      })
    );
  });

  describe('read back exactly by fakesnow (Snowflake literals parsed by sqlglot, run by DuckDB)', () => {
    let server: FakesnowServer;
    let engine: SnowflakeEngine;
    beforeAll(async () => {
      server = await FakesnowServer.launch();
      engine = snowflakeEngine(server);
    });
    afterAll(async () => {
      await engine?.close();
      await server?.stop();
    });

    it('buckets by the millisecond on the epoch ($__timeInterval_ms)', async () => {
      const bucket = expand('$__timeInterval_ms(TO_TIMESTAMP_TZ(1704067219123, 3))');
      const result = await engine.query(`SELECT DATE_PART(EPOCH_MILLISECOND, ${bucket}) AS "ms"`, {
        timeoutMs: 30_000,
        rowLimit: 10,
        signal: neverAborted,
      });
      expect(Number(result.fields[0]!.values.get(0))).toBe(1_704_067_200_000);
    });

    it('holds for hostile values', async () => {
      await fc.assert(
        fc.asyncProperty(hostile.filter(transportable), async (value) => {
          const result = await engine.query(`SELECT ${snowflakeDialect.quoteString(value)} AS "v"`, {
            timeoutMs: 30_000,
            rowLimit: 10,
            signal: neverAborted,
          });
          expect(result.fields[0]!.values.get(0)).toBe(value);
        }),
        { numRuns: 60 }
      );
    });
  });
});
