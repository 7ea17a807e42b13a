import { describe, expect, it } from 'vitest';
import { rewriteCode } from '../src/index.ts';

describe('rewriteCode', () => {
  const upperX = (sql: string, at: number) => (sql[at] === 'x' ? { text: 'X', end: at + 1 } : undefined);

  it('asks only at positions of code, and copies literals and comments as they are', () => {
    expect(rewriteCode('x \'x\' "x" `x` -- x\nx /* x */ $$ x $$ $t$ x $t$ x', upperX)).toBe(
      'X \'x\' "x" `x` -- x\nX /* x */ $$ x $$ $t$ x $t$ X'
    );
  });

  it('continues after the stretch a replacement covers', () => {
    expect(
      rewriteCode('abcabc', (sql, at) => (sql.startsWith('abc', at) ? { text: '-', end: at + 3 } : undefined))
    ).toBe('--');
  });
});
