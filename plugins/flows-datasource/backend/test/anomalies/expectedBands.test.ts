import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anomalyScore, bandFrom, movingBand } from '../../src/anomalies/expectedBands.ts';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
};

describe('moving bands', () => {
  it('mean ± kσ over the last windows equals the textbook formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (values, history) => {
          const band = movingBand('meanStddev', 'deniedFlows', history, 0.1);
          values.forEach((value) => band.push(value));
          const kept = values.slice(-history);
          const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
          const sd = Math.sqrt(kept.reduce((a, b) => a + (b - mean) ** 2, 0) / kept.length);
          const expected = bandFrom(mean, sd, 3, 'deniedFlows');
          expect(band.band(3).expected).toBeCloseTo(expected.expected, 6);
          expect(band.band(3).upper).toBe(expected.upper);
        }
      )
    );
  });

  it('median ± k·1.4826·MAD equals sorting the window each time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (values, history) => {
          const band = movingBand('medianMad', 'deniedFlows', history, 0.1);
          values.forEach((value) => band.push(value));
          const kept = values.slice(-history);
          const m = median(kept);
          const mad = median(kept.map((value) => Math.abs(value - m)));
          expect(band.band(3)).toEqual(bandFrom(m, 1.4826 * mad, 3, 'deniedFlows'));
        }
      )
    );
  });

  it('keeps a spike in the history from widening the median band, unlike the mean band', () => {
    const history = [10, 11, 9, 10, 12, 10, 9, 11, 10, 500];
    const mean = movingBand('meanStddev', 'deniedFlows', 20, 0.1);
    const mad = movingBand('medianMad', 'deniedFlows', 20, 0.1);
    history.forEach((value) => (mean.push(value), mad.push(value)));
    expect(anomalyScore(60, mad.band(3))).toBeGreaterThan(1);
    expect(anomalyScore(60, mean.band(3))).toBeLessThan(1);
  });

  it('follows a level change with EWMA, and flags the jump itself', () => {
    const ewma = movingBand('ewma', 'deniedFlows', 0, 0.3);
    for (let i = 0; i < 30; i++) ewma.push(20);
    expect(anomalyScore(80, ewma.band(3))).toBeGreaterThan(1);
    for (let i = 0; i < 30; i++) ewma.push(80);
    expect(anomalyScore(80, ewma.band(3))).toBeLessThanOrEqual(1);
  });

  it('has noise floors: a quiet count needs a few flows, a rate a real rise', () => {
    expect(bandFrom(0, 0, 3, 'deniedFlows').upper).toBe(3);
    expect(bandFrom(16, 0, 3, 'deniedFlows').upper).toBe(28);
    const rate = bandFrom(Math.log1p(1e6), 0, 3, 'throughput');
    expect(rate.upper / 1e6).toBeCloseTo(1.25 ** 3, 2);
    expect(bandFrom(Math.log1p(1000), 0, 3, 'throughput').upper).toBeGreaterThanOrEqual(101_000);
  });

  it('scores 0 at or below the expected value, 1 on the upper bound', () => {
    const band = { expected: 10, lower: 2, upper: 20 };
    expect(anomalyScore(5, band)).toBe(0);
    expect(anomalyScore(20, band)).toBe(1);
    expect(anomalyScore(30, band)).toBe(2);
  });

  it('learns throughput from busy windows only, and knows how often the endpoint was idle', () => {
    const band = movingBand('meanStddev', 'throughput', 10, 0.1) as ReturnType<typeof movingBand> & {
      busyShare: number;
    };
    [1e6, 0, 1e6, 0].forEach((value) => band.push(value));
    expect(band.size).toBe(2);
    expect(band.busyShare).toBe(0.5);
    expect(band.band(3).expected).toBeCloseTo(1e6, -1);
  });
});
