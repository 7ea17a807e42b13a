import { describe, expect, test } from 'vitest';
import { readEndpoint, readFlowValue } from './cellValues';

describe('readFlowValue', () => {
  test.each([
    [1024, 1024],
    [0, 0],
    [-5, -5],
    [BigInt(2) ** BigInt(40), 2 ** 40],
    ['42', 42],
    [' 7.5 ', 7.5],
    ['', NaN],
    ['n/a', NaN],
    [null, NaN],
    [undefined, NaN],
    [NaN, NaN],
    [Infinity, NaN],
    [true, NaN],
    [{}, NaN],
  ])('%s → %s', (cell, expected) => {
    expect(readFlowValue(cell)).toBe(expected);
  });

  test('a bigint past the largest double is no value, not Infinity', () => {
    expect(readFlowValue(BigInt(2) ** BigInt(1100))).toBeNaN();
  });
});

describe('readEndpoint', () => {
  test.each([
    ['default/frontend', 'default/frontend'],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [10, '10'],
  ])('%s → %s', (cell, expected) => {
    expect(readEndpoint(cell)).toBe(expected);
  });
});
