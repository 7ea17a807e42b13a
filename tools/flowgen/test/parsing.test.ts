import { describe, expect, it } from 'vitest';
import { splitStatements } from '../src/sqlStatements.ts';
import { parseTime } from '../src/time.ts';
import { parseVersion, atLeast } from '../src/clickhouse/version.ts';

describe('parseTime', () => {
  const now = Date.UTC(2025, 5, 15, 12, 30, 45);
  it.each([
    ['2025-01-06', 1736121600],
    ['2025-01-06T12:00:00Z', 1736164800],
    ['2025-01-06T12:00:00', 1736164800],
    ['2025-01-06 12:00', 1736164800],
    ['2025-01-06T14:00:00+02:00', 1736164800],
    ['2025-01-06T12:00:00.900Z', 1736164800],
    ['1736164800', 1736164800],
    ['now', now / 1000],
    ['now-90s', now / 1000 - 90],
    ['now-2h', now / 1000 - 7200],
    ['now-1d', now / 1000 - 86400],
  ])('reads %s', (input, expected) => {
    expect(parseTime(input, '--from', now)).toBe(Math.floor(expected));
  });

  it.each(['2025-02-29', '2025-13-01', 'yesterday', '2025-01-06T25:00:00Z', 'now+1h', '', '-5'])(
    'refuses %j',
    (input) => {
      expect(() => parseTime(input, '--to', now)).toThrow(/^--to: /);
    }
  );
});

describe('splitStatements', () => {
  it.each([
    ['SELECT 1;SELECT 2;', ['SELECT 1', 'SELECT 2']],
    [
      '-- requires: 19.6\n-- a comment; with a semicolon\nALTER TABLE t MODIFY TTL d + INTERVAL 12 HOUR;\n',
      ['ALTER TABLE t MODIFY TTL d + INTERVAL 12 HOUR'],
    ],
    ['SELECT \';\' AS a, "x;y" /* ; */ FROM t', ['SELECT \';\' AS a, "x;y"   FROM t']],
    ["SELECT 'it\\'s;' ; ;", ["SELECT 'it\\'s;'"]],
    ['-- only a comment', []],
    ["SELECT 'it''s;' AS a; SELECT 2", ["SELECT 'it''s;' AS a", 'SELECT 2']],
    [
      'CREATE FUNCTION f() AS $$ SELECT 1; -- x $$; SELECT 2',
      ['CREATE FUNCTION f() AS $$ SELECT 1; -- x $$', 'SELECT 2'],
    ],
  ])('splits %j', (text, expected) => {
    expect(splitStatements(text)).toEqual(expected);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitStatements("SELECT 'oops")).toThrow(/quote is never closed/);
    expect(() => splitStatements('SELECT $$ oops')).toThrow(/\$\$ quote is never closed/);
    expect(() => splitStatements('SELECT /* oops')).toThrow(/comment is never closed/);
  });
});

describe('ClickHouse versions', () => {
  it.each([
    ['18.16.1', '19.6', false],
    ['19.6.2.11', '19.6', true],
    ['20.9.1', '20.10', false],
    ['22.2.1', '20.10', true],
    ['26.7.2.1', '22.2', true],
  ])('%s is at least %s: %s', (version, required, expected) => {
    expect(atLeast(parseVersion(version), parseVersion(required))).toBe(expected);
  });
});
