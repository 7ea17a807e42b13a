import { describe, expect, it } from 'vitest';
import { buildHitIndex } from './hitIndex';
import { distanceOutsideLink } from './linkCurve';
import type { PlacedLink, SankeyLayout } from './types';

const straight: PlacedLink = { source: 0, target: 1, x0: 10, x1: 110, y0: 50, y1: 50, width: 20, value: 1 };
const falling: PlacedLink = { source: 0, target: 2, x0: 10, x1: 110, y0: 20, y1: 180, width: 10, value: 1 };

describe('distanceOutsideLink', () => {
  it.each([
    ['centre of a straight link', straight, 60, 50, -10],
    ['its edge', straight, 60, 60, 0],
    ['just outside', straight, 60, 65, 5],
    ['left of the link', straight, 5, 50, Infinity],
    ['right of the link', straight, 115, 50, Infinity],
    ['a falling link crosses its middle at the mid height', falling, 60, 100, -Infinity],
  ] as const)('%s', (_name, link, x, y, expected) => {
    const distance = distanceOutsideLink(link, x, y);
    if (expected === -Infinity) {
      expect(distance).toBeLessThan(0);
    } else {
      expect(distance).toBeCloseTo(expected, 6);
    }
  });

  it('a steep link is thicker vertically than its width', () => {
    // At the middle of the falling link the slope is 160 · 1.5 / (100 · 0.75) = 3.2.
    expect(distanceOutsideLink(falling, 60, 100 + 5 * Math.sqrt(1 + 3.2 * 3.2) - 0.01)).toBeLessThan(0);
    expect(distanceOutsideLink(falling, 60, 100 + 5 * Math.sqrt(1 + 3.2 * 3.2) + 0.01)).toBeGreaterThan(0);
  });
});

describe('buildHitIndex', () => {
  const layout: SankeyLayout = {
    width: 200,
    height: 200,
    nodes: [
      { x0: 0, x1: 10, y0: 10, y1: 190, value: 2, layer: 0 },
      { x0: 110, x1: 120, y0: 40, y1: 60, value: 1, layer: 1 },
      { x0: 110, x1: 120, y0: 170, y1: 190, value: 1, layer: 1 },
    ],
    links: [straight, falling],
    drawOrder: Int32Array.from([0, 1]),
    labels: [],
    headers: [],
    iterations: 6,
  };
  const hitAt = buildHitIndex(layout);
  it.each([
    ['a node', 5, 100, { kind: 'node', index: 0 }],
    ['a node within the pointer slack', 121, 41, { kind: 'node', index: 1 }],
    ['the lower target', 115, 180, { kind: 'node', index: 2 }],
    ['a link', 30, 50, { kind: 'link', index: 0 }],
    ['where links cross, the thinner one drawn on top', 42, 50, { kind: 'link', index: 1 }],
    ['empty space', 60, 195, undefined],
  ])('%s', (_name, x, y, hit) => {
    expect(hitAt(x, y)).toEqual(hit);
  });
});

describe('buildHitIndex: thin nodes', () => {
  // Three sub-pixel pods stacked 0.6 px apart: the pointer must get the one it is on, not a neighbour.
  const thin = (y0: number) => ({ x0: 0, x1: 10, y0, y1: y0 + 0.5, value: 1, layer: 0 });
  const layout: SankeyLayout = {
    width: 100,
    height: 100,
    nodes: [thin(50), thin(50.6), thin(51.2)],
    links: [],
    drawOrder: new Int32Array(0),
    labels: [],
    headers: [],
    iterations: 0,
  };
  const hitAt = buildHitIndex(layout);
  it.each([
    [50.2, 0],
    [50.8, 1],
    [51.4, 2],
    [52.5, 2],
    [48.5, 0],
  ])('at y = %f, node %i', (y, index) => {
    expect(hitAt(5, y)).toEqual({ kind: 'node', index });
  });
});
