import { describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import { MacroError, type MacroContext } from '../src/sql/dialect.ts';
import { expandMacros } from '../src/sql/macroExpander.ts';

// 2014-11-12T11:45:26.371Z → 2015-11-12T11:45:26.371Z, interval 20 s (the official plugin's test range).
const context: MacroContext = { timeRange: { fromMs: 1415792726371, toMs: 1447328726371 }, intervalMs: 20_000 };
const expand = (sql: string) => expandMacros(sql, clickhouseDialect, context);

describe('ClickHouse macros', () => {
  it.each([
    [
      '$__timeFilter(flowEndSeconds)',
      'flowEndSeconds >= toDateTime(1415792726) AND flowEndSeconds <= toDateTime(1447328726)',
    ],
    [
      '$__timeFilter_ms(t)',
      't >= fromUnixTimestamp64Milli(1415792726371) AND t <= fromUnixTimestamp64Milli(1447328726371)',
    ],
    ['$__dateFilter(d)', "d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')"],
    ['$__timeFrom()', 'toDateTime(1415792726)'],
    ['$__timeTo()', 'toDateTime(1447328726)'],
    ['$__timeFrom(ts)', 'ts >= toDateTime(1415792726)'],
    ['$__timeTo(ts)', 'ts <= toDateTime(1447328726)'],
    [
      '$__dateTimeFilter(d, t)',
      "(d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')) AND (t >= toDateTime(1415792726) AND t <= toDateTime(1447328726))",
    ],
    [
      '$__dt(d, t)',
      "(d >= toDate('2014-11-12') AND d <= toDate('2015-11-12')) AND (t >= toDateTime(1415792726) AND t <= toDateTime(1447328726))",
    ],
    ['$__interval', '20s'],
    ['$__interval_ms', '20000'],
    [
      '$__timeInterval_ms(t)',
      'toDateTime64(t, 3) - toIntervalMillisecond(toUnixTimestamp64Milli(toDateTime64(t, 3)) % 20000)',
    ],
    ['$__fromTime', 'toDateTime(1415792726)'],
    ['$__toTime', 'toDateTime(1447328726)'],
    ['$__fromTime_ms', 'fromUnixTimestamp64Milli(1415792726371)'],
    ['$__interval_s', '20'],
    ['$__timeRange_s', '31536000'],
    [
      '$__timeInterval(flowEndSeconds)',
      'subtractSeconds(toDateTime(flowEndSeconds), toUInt32(toDateTime(flowEndSeconds)) % 20)',
    ],
    [
      "$__timeGroup(flowEndSeconds, '5m')",
      'subtractSeconds(toDateTime(flowEndSeconds), toUInt32(toDateTime(flowEndSeconds)) % 300)',
    ],
    [
      '$__timeGroup(flowEndSeconds, 1h)',
      'subtractSeconds(toDateTime(flowEndSeconds), toUInt32(toDateTime(flowEndSeconds)) % 3600)',
    ],
    [
      "$__timeGroup(toDateTime(x, 'UTC'), $__interval_s)",
      "subtractSeconds(toDateTime(toDateTime(x, 'UTC')), toUInt32(toDateTime(toDateTime(x, 'UTC'))) % 20)",
    ],
    [
      '$__spreadEndShare',
      'CASE WHEN toFloat64(flowEndSeconds) <= greatest(toFloat64(flowStartSeconds), toFloat64(flowEndSeconds) - 60) THEN 1 ELSE (toFloat64(flowEndSeconds) - greatest(greatest(toFloat64(flowStartSeconds), toFloat64(flowEndSeconds) - 60), floor(toFloat64(flowEndSeconds) / 20) * 20)) / nullIf(toFloat64(flowEndSeconds) - greatest(toFloat64(flowStartSeconds), toFloat64(flowEndSeconds) - 60), 0) END',
    ],
    ["$__conditionalAll(ns IN ('a','b'), 'a','b')", "(ns IN ('a','b'))"],
    ["$__conditionalAll(ns IN ($ns), '$__all')", '1=1'],
    ['$__conditionalAll(ns IN (), )', '1=1'],
  ])('%s → %s', (input, output) => {
    expect(expand(input)).toBe(output);
  });

  it('expands macros inside a whole query and leaves the rest alone', () => {
    expect(expand('SELECT $__timeInterval(t) AS time, count() FROM flows WHERE $__timeFilter(t) GROUP BY time')).toBe(
      'SELECT subtractSeconds(toDateTime(t), toUInt32(toDateTime(t)) % 20) AS time, count() FROM flows WHERE t >= toDateTime(1415792726) AND t <= toDateTime(1447328726) GROUP BY time'
    );
  });

  it('leaves string literals, quoted identifiers and comments untouched', () => {
    const sql = "SELECT '$__nope(' AS a, `$__nope` AS b -- $__nope(\n/* $__nope( */ FROM t";
    expect(expand(sql)).toBe(sql);
  });

  it('leaves dollar-quoted strings untouched, and a -- inside one hides no later macro', () => {
    expect(expand("SELECT $$ $__nope( $$ AS a, $fn$ it's $__nope $fn$ AS b")).toBe(
      "SELECT $$ $__nope( $$ AS a, $fn$ it's $__nope $fn$ AS b"
    );
    expect(expand('SELECT $$ -- not a comment $$ AS a WHERE $__timeFilter(t)')).toBe(
      'SELECT $$ -- not a comment $$ AS a WHERE t >= toDateTime(1415792726) AND t <= toDateTime(1447328726)'
    );
    expect(expand('SELECT $tag$ -- $$ $tag$ AS a, $__timeFrom() AS b')).toBe(
      'SELECT $tag$ -- $$ $tag$ AS a, toDateTime(1415792726) AS b'
    );
    expect(expand('SELECT $$ $__timeFrom() $$ AS a, $t$ $__interval_s $t$ AS b, $__interval_s AS c')).toBe(
      'SELECT $$ $__timeFrom() $$ AS a, $t$ $__interval_s $t$ AS b, 20 AS c'
    );
  });

  it('gives $__interval and $__interval_ms the interval Grafana sent, as its frontend would', () => {
    const sent = { ...context, intervalMs: 60_000, grafanaIntervalMs: 15_000 };
    expect(expandMacros('$__interval $__interval_ms $__interval_s', clickhouseDialect, sent)).toBe('15s 15000 60');
  });

  it.each([
    [500, '500ms'],
    [1000, '1s'],
    [90_000, '90s'],
    [60_000, '1m'],
    [7_200_000, '2h'],
    [86_400_000, '1d'],
    [1500, '1500ms'],
  ])('spells an interval of %i ms as Grafana does: %s', (ms, spelled) => {
    expect(expandMacros('$__interval', clickhouseDialect, { ...context, grafanaIntervalMs: ms })).toBe(spelled);
  });

  it('never expands interval seconds below 1', () => {
    expect(expandMacros('$__interval_s', clickhouseDialect, { ...context, intervalMs: 10 })).toBe('1');
  });

  it.each([
    ['$__timeFiltr(t)', /macro \$__timeFiltr: unknown macro; known: .*\$__timeFilter/],
    ['$__timeFilter()', /macro \$__timeFilter: expects 1 argument \(column\), got none/],
    ['$__timeFilter(a, b)', /expects 1 argument \(column\), got "a, b"/],
    ['$__timeFrom(a, b)', /macro \$__timeFrom: expects no argument or 1 \(column\), got "a, b"/],
    ['$__timeTo(,)', /macro \$__timeTo: expects no argument or 1 \(column\)/],
    ['$__dt(t)', /macro \$__dt: expects 2 arguments \(dateColumn, timeColumn\), got "t"/],
    ['$__timeInterval_ms()', /macro \$__timeInterval_ms: expects 1 argument \(column\), got none/],
    ['$__interval(x)', /macro \$__interval: expects 0 arguments/],
    ['$__timeGroup(t)', /macro \$__timeGroup: expects 2 arguments \(column, '5m'\)/],
    ["$__timeGroup(t, 'soon')", /"'soon'" is not a duration/],
    ['$__timeFilter(t', /macro \$__timeFilter: unclosed "\("/],
    ['$__conditionalAll(x)', /macro \$__conditionalAll: expects 2 arguments/],
  ])('%s is a clear error', (input, message) => {
    expect(() => expand(input)).toThrow(MacroError);
    expect(() => expand(input)).toThrow(message);
  });
});
