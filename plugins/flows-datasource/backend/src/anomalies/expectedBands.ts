import type { AnomalyMethod, AnomalyMetric } from './detectOptions.ts';

/**
 * What a window's value is expected to be, from the windows before it, and how far it may stray:
 * - meanStddev: mean ± k·σ (Theia's drop detection, k = 3);
 * - medianMad: median ± k·1.4826·MAD, which spikes in the history barely move;
 * - ewma: an exponentially weighted mean and variance (newest window weight α) ± k·σ;
 * - threshold: 0 … a fixed bound, whatever came before (a burst of drops, a link's capacity).
 * Denied flows are counts: their spread is at least √expected (a Poisson count's) and 1, and the upper
 * bound is rounded up to a whole count. Throughput varies by factors, not by amounts (a few large
 * transfers make most of it), so its band is computed on ln(1 + bits/s), with a spread of at least
 * ln 1.25 (a factor 1.25 per k: at k = 3 a window must about double to stand out); and an idle window (no bytes at all) is no throughput reading, so the band
 * learns from busy windows only, and an idle window is judged apart; a rise under 100 kbit/s never counts.
 */
export interface Band {
  expected: number;
  lower: number;
  upper: number;
}

/** Values as the band statistics see them, and back. */
export const scaleOf = {
  deniedFlows: { in: (value: number) => value, out: (value: number) => value },
  throughput: { in: (value: number) => Math.log1p(Math.max(0, value)), out: (value: number) => Math.expm1(value) },
} as const;

const minimumLogSpread = Math.log(1.25);
/** Below this rise (bits/s) a throughput change is noise whatever the factor: a quiet pod's DNS answers. */
export const minimumThroughputRise = 100_000;

/** The band from a centre and spread in the metric's scale. */
export function bandFrom(centre: number, spread: number, k: number, metric: AnomalyMetric): Band {
  if (metric === 'deniedFlows') {
    const floored = Math.max(spread, Math.sqrt(Math.max(centre, 0)), 1);
    return { expected: centre, lower: Math.max(0, centre - k * floored), upper: Math.ceil(centre + k * floored) };
  }
  const floored = Math.max(spread, minimumLogSpread);
  const out = scaleOf.throughput.out;
  const expected = out(centre);
  return {
    expected,
    lower: Math.max(0, out(centre - k * floored)),
    upper: Math.max(out(centre + k * floored), expected + minimumThroughputRise),
  };
}

/**
 * A band that moves with the series: `push` each window after judging it; `band` judges the next
 * against the windows kept. Each method keeps its own running state, so a long range costs O(n) or
 * O(n·history) at worst, never a sort per window.
 */
export interface MovingBand {
  push(value: number): void;
  /** Windows currently in the history. */
  readonly size: number;
  band(k: number): Band;
}

export function movingBand(
  method: AnomalyMethod,
  metric: AnomalyMetric,
  historyWindows: number,
  alpha: number,
  threshold = 0
): MovingBand {
  // A fixed bound learns nothing, and judges an idle window like any other (below it).
  if (method === 'threshold') return new ThresholdBand(threshold);
  const scale = scaleOf[metric];
  const inner =
    method === 'meanStddev'
      ? new MeanStddevBand(historyWindows, metric, scale.in)
      : method === 'medianMad'
        ? new MedianMadBand(historyWindows, metric, scale.in)
        : new EwmaBand(alpha, metric, scale.in);
  return metric === 'throughput' ? new BusyWindowsBand(inner, historyWindows) : inner;
}

/** 0 … threshold for every window: the score is the value ÷ threshold, above 1 when it exceeds it. */
class ThresholdBand implements MovingBand {
  constructor(private readonly threshold: number) {}
  push(): void {}
  /** It needs no history: as if always full. */
  readonly size = Number.POSITIVE_INFINITY;
  band(): Band {
    return { expected: 0, lower: 0, upper: this.threshold };
  }
}

/** Throughput: the band learns from busy windows; how often the endpoint was idle is kept beside it. */
export class BusyWindowsBand implements MovingBand {
  private readonly recent: boolean[] = [];
  private busy = 0;

  constructor(
    private readonly inner: MovingBand,
    private readonly capacity: number
  ) {}

  get size(): number {
    return this.inner.size;
  }

  /** Of the windows in the history, the share that carried traffic. */
  get busyShare(): number {
    return this.recent.length === 0 ? 0 : this.busy / this.recent.length;
  }

  push(value: number): void {
    const busy = value > 0;
    this.recent.push(busy);
    if (busy) {
      this.busy++;
      this.inner.push(value);
    }
    if (this.recent.length > this.capacity && this.recent.shift()) this.busy--;
  }

  band(k: number): Band {
    return this.inner.band(k);
  }
}

/** An endpoint busy in at least this share of its history that goes idle is an anomaly. */
export const silentAfterBusyShare = 0.95;

class MeanStddevBand implements MovingBand {
  private readonly window: number[] = [];
  private sum = 0;
  private squares = 0;

  constructor(
    private readonly capacity: number,
    private readonly metric: AnomalyMetric,
    private readonly scale: (value: number) => number
  ) {}

  get size(): number {
    return this.window.length;
  }

  push(raw: number): void {
    const value = this.scale(raw);
    this.window.push(value);
    this.sum += value;
    this.squares += value * value;
    if (this.window.length > this.capacity) {
      const old = this.window.shift()!;
      this.sum -= old;
      this.squares -= old * old;
    }
  }

  band(k: number): Band {
    const n = this.window.length;
    const mean = n === 0 ? 0 : this.sum / n;
    const variance = n === 0 ? 0 : Math.max(0, this.squares / n - mean * mean);
    return bandFrom(mean, Math.sqrt(variance), k, this.metric);
  }
}

class MedianMadBand implements MovingBand {
  private readonly arrival: number[] = [];
  private readonly sorted: number[] = [];

  constructor(
    private readonly capacity: number,
    private readonly metric: AnomalyMetric,
    private readonly scale: (value: number) => number
  ) {}

  get size(): number {
    return this.arrival.length;
  }

  push(raw: number): void {
    const value = this.scale(raw);
    this.arrival.push(value);
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
    if (this.arrival.length > this.capacity) {
      const old = this.arrival.shift()!;
      this.sorted.splice(lowerBound(this.sorted, old), 1);
    }
  }

  band(k: number): Band {
    const median = medianOfSorted(this.sorted);
    return bandFrom(median, 1.4826 * medianDistance(this.sorted, median), k, this.metric);
  }
}

class EwmaBand implements MovingBand {
  private mean: number | undefined;
  private variance = 0;
  private count = 0;

  constructor(
    private readonly alpha: number,
    private readonly metric: AnomalyMetric,
    private readonly scale: (value: number) => number
  ) {}

  get size(): number {
    return this.count;
  }

  push(raw: number): void {
    const value = this.scale(raw);
    this.count++;
    if (this.mean === undefined) {
      this.mean = value;
      return;
    }
    const difference = value - this.mean;
    const increment = this.alpha * difference;
    this.mean += increment;
    this.variance = (1 - this.alpha) * (this.variance + difference * increment);
  }

  band(k: number): Band {
    return bandFrom(this.mean ?? 0, Math.sqrt(this.variance), k, this.metric);
  }
}

/**
 * How far above the band a value is: 0 at the expected value or below it, 1 on the upper bound, above
 * 1 outside. Only upward counts: fewer denials are no incident, and a quieter busy window is no
 * throughput incident either (an endpoint going silent is judged apart, see idle windows).
 */
export function anomalyScore(value: number, band: Band): number {
  if (value <= band.expected) return 0;
  const room = band.upper - band.expected;
  return room > 0 ? (value - band.expected) / room : Number.POSITIVE_INFINITY;
}

function lowerBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function medianOfSorted(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
}

/** The median of |x − m| over a sorted list, merging the distances on both sides of m in O(n). */
function medianDistance(sorted: number[], m: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let right = lowerBound(sorted, m);
  let left = right - 1;
  const wanted = [(n - 1) >> 1, n >> 1];
  const picked: number[] = [];
  for (let taken = 0; taken <= wanted[1]!; taken++) {
    const leftDistance = left >= 0 ? m - sorted[left]! : Number.POSITIVE_INFINITY;
    const rightDistance = right < n ? sorted[right]! - m : Number.POSITIVE_INFINITY;
    const distance = leftDistance <= rightDistance ? leftDistance : rightDistance;
    if (leftDistance <= rightDistance) left--;
    else right++;
    if (taken === wanted[0] || taken === wanted[1]) picked.push(distance);
  }
  return picked.length === 2 ? (picked[0]! + picked[1]!) / 2 : picked[0]!;
}
