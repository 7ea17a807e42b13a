import { describe, expect, test } from 'vitest';
import { fitText, splitGroupName } from './labelText';
import { estimateTextWidth } from './textWidth';

/** One px per character keeps the expected truncations readable. */
const perChar = (text: string) => Array.from(text).length;

describe('splitGroupName', () => {
  test.each([
    ['default/frontend', { namespace: 'default', name: 'frontend' }],
    ['kube-system/coredns-5d78c9869d-abcde', { namespace: 'kube-system', name: 'coredns-5d78c9869d-abcde' }],
    ['a/b/c', { namespace: 'a', name: 'b/c' }],
    ['frontend', { name: 'frontend' }],
    ['/frontend', { name: '/frontend' }],
    ['default/', { name: 'default/' }],
    ['10.0.0.1', { name: '10.0.0.1' }],
  ])('%s', (name, expected) => {
    expect(splitGroupName(name)).toEqual(expected);
  });
});

describe('fitText', () => {
  test.each<[string, number, 'middle' | 'start', string | undefined]>([
    ['frontend', 8, 'middle', 'frontend'],
    ['frontend-7d4b9c6f5-x2x9z', 12, 'middle', 'fronten…2x9z'],
    ['frontend-7d4b9c6f5-x2x9z', 7, 'middle', 'fron…9z'],
    ['kube-system', 6, 'start', 'kube-…'],
    ['abc', 2, 'middle', 'a…'],
    ['abc', 1, 'middle', undefined],
    ['😀😀😀😀', 3, 'start', '😀😀…'],
  ])('%s in %s px keeping the %s', (text, width, keep, expected) => {
    expect(fitText(text, width, 12, perChar, keep)).toBe(expected);
  });

  test('the result always fits, for the real estimate too', () => {
    const name = 'payment-gateway-processor-7f9c8d6b5-qwert';
    for (let width = 10; width < 300; width += 7) {
      const fitted = fitText(name, width, 12, estimateTextWidth);
      if (fitted !== undefined) {
        expect(estimateTextWidth(fitted, 12)).toBeLessThanOrEqual(width);
      }
    }
  });
});

describe('estimateTextWidth', () => {
  test.each([
    ['', 0],
    ['iii', 0.28 * 3 * 10],
    ['mmm', 0.86 * 3 * 10],
  ])('%j at 10 px', (text, width) => {
    expect(estimateTextWidth(text, 10)).toBeCloseTo(width);
  });

  test('wider for wide letters and larger fonts', () => {
    expect(estimateTextWidth('WWW', 12)).toBeGreaterThan(estimateTextWidth('iii', 12));
    expect(estimateTextWidth('abc', 14)).toBeGreaterThan(estimateTextWidth('abc', 12));
  });
});
