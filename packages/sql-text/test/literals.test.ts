import { describe, expect, it } from 'vitest';
import { dollarQuoteOpenerAt, literalAt, skipLiteral } from '../src/index.ts';

describe('literalAt', () => {
  it.each([
    ["'it''s' x", 'string', "'it''s'"],
    ["'it\\'s' x", 'string', "'it\\'s'"],
    ['"a ""b""" x', 'quotedIdentifier', '"a ""b"""'],
    ['`a``b` x', 'quotedIdentifier', '`a``b`'],
    ['-- note $__x\nSELECT', 'lineComment', '-- note $__x'],
    ['/* a -- b */ x', 'blockComment', '/* a -- b */'],
    ["$$ it's -- not a comment $$ x", 'dollarQuoted', "$$ it's -- not a comment $$"],
    ['$fn$ SELECT $$ $__x $$ $fn$ x', 'dollarQuoted', '$fn$ SELECT $$ $__x $$ $fn$'],
    ['$_t1$ a $_t1$ x', 'dollarQuoted', '$_t1$ a $_t1$'],
  ])('reads %j as %s', (sql, kind, text) => {
    const literal = literalAt(sql, 0);
    expect(literal).toMatchObject({ kind, closed: true });
    expect(sql.slice(0, literal!.end)).toBe(text);
  });

  it.each([
    ["'open", 'string', "'"],
    ['"open', 'quotedIdentifier', '"'],
    ['/* open', 'blockComment', '/*'],
    ['$$ open', 'dollarQuoted', '$$'],
    ['$t$ open $u$', 'dollarQuoted', '$t$'],
  ])('marks %j as never closed', (sql, kind, opener) => {
    expect(literalAt(sql, 0)).toEqual({ kind, opener, end: sql.length, closed: false });
  });

  it('ends a line comment before its newline, which stays SQL', () => {
    expect(skipLiteral('-- x\nSELECT 1', 0)).toBe(4);
  });

  it.each(['SELECT', '- 1', '/ 2', '$1', '$__timeFilter(x)', '$__interval_s', '$var', '$1$'])(
    'finds no literal at the start of %j',
    (sql) => {
      expect(literalAt(sql, 0)).toBeUndefined();
      expect(skipLiteral(sql, 0)).toBe(0);
    }
  );
});

describe('dollar quotes', () => {
  it.each([
    ['$$', 0, '$$'],
    ['$tag$', 0, '$tag$'],
    ['$_$', 0, '$_$'],
    ['x $a1$', 2, '$a1$'],
  ])('opens at %j index %i with %j', (sql, index, opener) => {
    expect(dollarQuoteOpenerAt(sql, index)).toBe(opener);
  });

  it.each([
    ['$1$', 0],
    ['$__name', 0],
    ['$__name(x)', 0],
    ['$a-b$', 0],
    // A dollar right after a word belongs to that word.
    ['a$$', 1],
    ['x1$t$', 2],
  ])('does not open at %j index %i', (sql, index) => {
    expect(dollarQuoteOpenerAt(sql, index)).toBeUndefined();
  });
});
