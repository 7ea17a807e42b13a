import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import { conditionSql, FilterError } from '../src/sql/conditions.ts';
import { expandMacros } from '../src/sql/macroExpander.ts';
import { quoteLiteral } from '../../src/variables/sqlLiteral.ts';

/**
 * Properties checked against the real ClickHouse engine (chDB), not against our own parser: whatever
 * a template value or filter holds, it stays inside its literal.
 */
describe('quoting and conditions, proven on ClickHouse 26 (chDB)', () => {
  let session: Session;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-quoting-'));
    session = new Session(dir);
    session.query('CREATE TABLE probe (name String, port UInt16) ENGINE = Memory');
  });
  afterAll(() => {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      "'",
      "\\'",
      '\\',
      "'; DROP TABLE probe; --",
      "\\'' OR 1=1 --",
      '$__timeFilter(x)',
      '\u0000',
      '`',
      '"',
      '/*',
      '*/',
      '\n'
    )
  );
  // Unpaired surrogates have no UTF-8 form, so no SQL text can carry them; nothing else is excluded
  // (NUL included: quoting writes it as \x00).
  const transportable = (value: string) => value === Buffer.from(value, 'utf8').toString('utf8');

  it('a quoted string literal evaluates to exactly the original value', () => {
    fc.assert(
      fc.property(hostile.filter(transportable), (value) => {
        const out = session.query(
          `SELECT ${clickhouseDialect.quoteString(value)} AS v FORMAT JSONEachRow`,
          'JSONEachRow'
        );
        const rows = out
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { v: string });
        expect(rows).toEqual([{ v: value }]);
      }),
      { numRuns: 300 }
    );
  });

  it("the frontend's template-variable literals evaluate to exactly the original value too", () => {
    fc.assert(
      fc.property(hostile.filter(transportable), (value) => {
        const out = session.query(`SELECT ${quoteLiteral('clickhouse', value)} AS v`, 'JSONEachRow');
        expect(JSON.parse(out.trim()) as { v: string }).toEqual({ v: value });
      }),
      { numRuns: 300 }
    );
  });

  it('a quoted identifier names exactly the original column', () => {
    fc.assert(
      fc.property(
        hostile.filter((value) => transportable(value) && value.length > 0),
        (name) => {
          const out = session.query(
            `SELECT 1 AS ${clickhouseDialect.quoteIdentifier(name)}`,
            'JSONCompactEachRowWithNames'
          );
          expect(JSON.parse(out.split('\n')[0]!)).toEqual([name]);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('a filter matches exactly the rows holding its value, whatever the value', () => {
    fc.assert(
      fc.property(hostile.filter(transportable), fc.constantFrom('=', '!=', 'in', 'not in'), (value, operator) => {
        session.query('TRUNCATE TABLE probe');
        session.query(`INSERT INTO probe VALUES (${clickhouseDialect.quoteString(value)}, 1), ('other', 2)`);
        const condition = conditionSql(
          { key: 'name', operator, value: operator.includes('in') ? [value] : value },
          clickhouseDialect,
          () => ({
            expression: 'name',
            kind: 'string',
          })
        );
        const count = Number(session.query(`SELECT count() FROM probe WHERE ${condition}`, 'TSV').trim());
        const expected =
          operator === '=' || operator === 'in' ? (value === 'other' ? 2 : 1) : value === 'other' ? 0 : 1;
        expect(count).toBe(expected);
      }),
      { numRuns: 200 }
    );
  });

  it('a number filter accepts only numbers', () => {
    const resolve = () => ({ expression: 'port', kind: 'number' as const });
    expect(conditionSql({ key: 'port', operator: '=', value: '53' }, clickhouseDialect, resolve)).toBe('port = 53');
    fc.assert(
      fc.property(
        fc.string().filter((value) => !/^\s*-?\d+(\.\d+)?\s*$/.test(value)),
        (value) => {
          expect(() => conditionSql({ key: 'port', operator: '=', value }, clickhouseDialect, resolve)).toThrow(
            FilterError
          );
        }
      )
    );
  });

  it('time filters select exactly the rows in the range', () => {
    session.query('CREATE TABLE IF NOT EXISTS times (t DateTime) ENGINE = Memory');
    session.query('INSERT INTO times SELECT toDateTime(1763700000 + number * 60) FROM numbers(1000)');
    fc.assert(
      fc.property(
        fc.integer({ min: 1763690000, max: 1763770000 }),
        fc.integer({ min: 0, max: 70000 }),
        (fromS, spanS) => {
          const timeRange = { fromMs: fromS * 1000 + 500, toMs: (fromS + spanS) * 1000 + 999 };
          const where = expandMacros('$__timeFilter(t)', clickhouseDialect, { timeRange, intervalMs: 1000 });
          const count = Number(session.query(`SELECT count() FROM times WHERE ${where}`, 'TSV').trim());
          let expected = 0;
          for (let i = 0; i < 1000; i++) {
            const t = 1763700000 + i * 60;
            if (t >= Math.floor(timeRange.fromMs / 1000) && t <= Math.floor(timeRange.toMs / 1000)) expected++;
          }
          expect(count).toBe(expected);
        }
      ),
      { numRuns: 100 }
    );
  });
});
