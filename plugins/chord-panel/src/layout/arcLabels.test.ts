import { describe, expect, test } from 'vitest';
import { group, otherGroup } from '../test/chordGroups';
import { arcLabel, fullLabelWidth } from './arcLabels';

const perChar = (text: string) => Array.from(text).length * 6;
const radius = 100;
/** An arc whose length on the label circle is `px`. */
const span = (px: number, at = 0.5) => ({ startAngle: at, endAngle: at + px / radius });

describe('arcLabel', () => {
  test.each<[string, number, number, string[] | undefined]>([
    ['default/frontend', 40, 200, ['default', 'frontend']],
    ['default/frontend', 20, 200, ['frontend']],
    ['default/frontend', 11, 200, undefined],
    ['frontend-7d4b9c6f5-x2x9z', 40, 60, ['fronte…x9z']],
    ['kube-system/coredns', 40, 60, ['kube-syst…', 'coredns']],
    ['x', 40, 5, undefined],
  ])('%s on a %s px arc with %s px room → %j', (name, arcPx, room, lines) => {
    const label = arcLabel(group(name, 1, 1, 0), span(arcPx), radius, room, perChar);
    expect(label?.lines.map((line) => line.text)).toEqual(lines);
  });

  test('Other shows how many groups it holds', () => {
    const label = arcLabel(otherGroup(['a', 'b', 'c'], 1, 1), span(40), radius, 200, perChar);
    expect(label?.lines).toEqual([{ text: 'Other (3)', kind: 'name', y: 0 }]);
  });

  test('namespace line above the name line, centred on the arc', () => {
    const label = arcLabel(group('ns/pod', 1, 1, 0), span(40), radius, 200, perChar)!;
    expect(label.lines.map((line) => line.kind)).toEqual(['namespace', 'name']);
    expect(label.lines[0]!.y).toBeLessThan(0);
    expect(label.lines[1]!.y).toBeGreaterThan(0);
    expect(label.angle).toBeCloseTo(0.7);
  });

  test.each([
    [0.5, false],
    [Math.PI - 0.1, false],
    [Math.PI + 0.1, true],
    [2 * Math.PI - 0.5, true],
  ])('label at %s rad flipped: %s', (at, flipped) => {
    expect(arcLabel(group('a', 1, 1, 0), span(20, at - 0.1), radius, 100, perChar)?.flipped).toBe(flipped);
  });

  test('no room → no label', () => {
    expect(arcLabel(group('a', 1, 1, 0), span(40), radius, 0, perChar)).toBeUndefined();
  });
});

test('fullLabelWidth is the longer line', () => {
  expect(fullLabelWidth(group('namespace-long/pod', 1, 1, 0), perChar)).toBe(14 * 6);
  expect(fullLabelWidth(group('ns/pod-with-long-name', 1, 1, 0), perChar)).toBe(18 * 6);
});
