import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../types';
import { escapeLiteralBody, quoteLiteral } from './sqlLiteral';

/**
 * Reference readers written from each dialect's documented literal rules (not from our quoting):
 * a quote ends the literal unless doubled; a backslash starts an escape. ClickHouse: \b \f \r \n \t
 * \0 \a \v \xHH, any other \c is c. Snowflake: \b \f \n \r \t \0, \ooo octal, \xhh, \uhhhh, other \c
 * is c. Returns the value read and where the literal ended.
 */
function readLiteral(engine: Engine, text: string, start: number): { value: string; end: number } {
  if (text[start] !== "'") {
    throw new Error(`no literal at ${start} in ${JSON.stringify(text)}`);
  }
  const named: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0' };
  if (engine === 'clickhouse') {
    Object.assign(named, { a: '\x07', v: '\v' });
  }
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        break;
      }
      if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      if (engine === 'snowflake' && next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (engine === 'snowflake' && /^[0-7]{3}$/.test(text.slice(i + 1, i + 4))) {
        value += String.fromCharCode(parseInt(text.slice(i + 1, i + 4), 8));
        i += 4;
        continue;
      }
      value += named[next] ?? next;
      i += 2;
      continue;
    }
    value += char;
    i++;
  }
  throw new Error(`unterminated literal in ${JSON.stringify(text)}`);
}

/** Values that stress quoting: quotes, backslashes before quotes, escape look-alikes, NUL, emoji. */
const nastyValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom("'", '\\', '"', '`', ',', ')', '0', 'x', '4', '1', 'n', '\0', ' ', 'é', '😀'),
    maxLength: 30,
  })
);

describe.each<Engine>(['clickhouse', 'snowflake'])('%s literals', (engine) => {
  it('read back as exactly the value, and end where the literal ends', () => {
    fc.assert(
      fc.property(nastyValue, (value) => {
        const literal = quoteLiteral(engine, value);
        expect(readLiteral(engine, literal, 0)).toEqual({ value, end: literal.length });
      }),
      { numRuns: 2000 }
    );
  });

  it('keep a multi-value list to its own items', () => {
    fc.assert(
      fc.property(fc.array(nastyValue, { minLength: 1, maxLength: 5 }), (values) => {
        const list = values.map((value) => quoteLiteral(engine, value)).join(',');
        const read: string[] = [];
        let at = 0;
        while (at < list.length) {
          const literal = readLiteral(engine, list, at);
          read.push(literal.value);
          at = literal.end;
          if (at < list.length) {
            expect(list[at]).toBe(',');
            at++;
          }
        }
        expect(read).toEqual(values);
      }),
      { numRuns: 1000 }
    );
  });

  it('keep an escaped body inside the quotes a user wrote', () => {
    fc.assert(
      fc.property(nastyValue, (value) => {
        const sql = `ns = '${escapeLiteralBody(engine, value)}' AND 1=1`;
        const literal = readLiteral(engine, sql, 5);
        expect(literal.value).toBe(value);
        expect(sql.slice(literal.end)).toBe(' AND 1=1');
      }),
      { numRuns: 1000 }
    );
  });
});

describe('dialect spelling', () => {
  it.each<[Engine, string, string]>([
    ['clickhouse', "it's", "'it\\'s'"],
    ['clickhouse', 'C:\\', "'C:\\\\'"],
    ['snowflake', "it's", "'it''s'"],
    ['snowflake', 'C:\\', "'C:\\\\'"],
  ])('%s quotes %j as %s', (engine, value, literal) => {
    expect(quoteLiteral(engine, value)).toBe(literal);
  });
});
