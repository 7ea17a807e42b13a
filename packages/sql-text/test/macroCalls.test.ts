import { describe, expect, it } from 'vitest';
import { macroCallAt } from '../src/index.ts';

describe('macroCallAt', () => {
  it('reads a bare macro', () => {
    expect(macroCallAt('$__interval_s + 1', 0)).toEqual({ name: 'interval_s', start: 0, end: 13, unclosed: false });
  });

  it('splits arguments on top-level commas, with their spans', () => {
    const sql = "x $__timeGroup( toDateTime(a, 'UTC'), '5,m' ) y";
    const call = macroCallAt(sql, 2)!;
    expect(call.name).toBe('timeGroup');
    expect(sql.slice(call.start, call.end)).toBe("$__timeGroup( toDateTime(a, 'UTC'), '5,m' )");
    expect(call.args!.map((arg) => [arg.text, sql.slice(arg.start, arg.end)])).toEqual([
      ["toDateTime(a, 'UTC')", "toDateTime(a, 'UTC')"],
      ["'5,m'", "'5,m'"],
    ]);
  });

  it.each([
    ['$__f(a /* ) , */, b)', ['a /* ) , */', 'b']],
    ['$__f(a -- ),\n, b)', ['a -- ),', 'b']],
    ['$__f("a,)" , `b)`)', ['"a,)"', '`b)`']],
    ["$__f($$ ), $$, 'it''s')", ['$$ ), $$', "'it''s'"]],
    ['$__f()', []],
  ])('keeps literals and comments inside their argument: %j', (sql, texts) => {
    expect(macroCallAt(sql, 0)!.args!.map((arg) => arg.text)).toEqual(texts);
  });

  it('reports a call whose parenthesis never closes', () => {
    expect(macroCallAt("$__f(a, ')'", 0)).toMatchObject({ name: 'f', unclosed: true });
  });

  it.each(['$__', '$_x', '$x', '$__1'])('finds no macro at %j', (sql) => {
    expect(macroCallAt(sql, 0)).toBeUndefined();
  });
});
