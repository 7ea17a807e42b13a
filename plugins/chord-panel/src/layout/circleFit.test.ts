import { describe, expect, test } from 'vitest';
import { fitCircle, minimumChordSize } from './circleFit';

describe('fitCircle', () => {
  test.each([
    [119, 400],
    [400, 119],
    [0, 0],
    [NaN, 300],
  ])('%s × %s is too small', (width, height) => {
    const result = fitCircle(width, height, 50);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`at least ${minimumChordSize} × ${minimumChordSize} px`);
  });

  test.each([
    // width, height, wanted label → label width, outer radius
    [400, 400, 0, 0, 196],
    [400, 400, 20, 0, 196],
    [400, 400, 50, 50, 140],
    [400, 400, 500, 80, 110],
    [800, 300, 60, 60, 80],
    [120, 120, 100, 0, 56],
    [200, 200, 100, 40, 50],
  ])('%s × %s wanting %s px labels → %s px labels, outer radius %s', (width, height, wanted, labelWidth, outer) => {
    const result = fitCircle(width, height, wanted);
    if (!result.ok) {
      throw new Error(result.message);
    }
    expect(result.fit.labelWidth).toBe(labelWidth);
    expect(result.fit.outerRadius).toBeCloseTo(outer);
    expect(result.fit.centerX).toBe(width / 2);
    expect(result.fit.centerY).toBe(height / 2);
    expect(result.fit.innerRadius).toBeLessThan(result.fit.outerRadius);
    expect(result.fit.labelRadius).toBeGreaterThan(result.fit.outerRadius);
    // Everything stays inside the panel.
    const edge = result.fit.labelWidth > 0 ? result.fit.labelRadius + result.fit.labelWidth : result.fit.outerRadius;
    expect(edge).toBeLessThanOrEqual(Math.min(width, height) / 2);
  });
});
