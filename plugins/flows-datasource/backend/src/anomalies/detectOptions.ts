import { durationSeconds, MacroError } from '../sql/dialect.ts';

/** The `detect` query model (version 1): what to watch, per which endpoint, and how to judge it. */
export type AnomalyMetric = 'deniedFlows' | 'throughput';
export type AnomalyEndpoint = 'pod' | 'podLabels' | 'namespace' | 'externalIP' | 'service' | 'cluster';
export type AnomalyMethod = 'meanStddev' | 'medianMad' | 'ewma' | 'threshold';
export type AnomalyOutput = 'series' | 'score' | 'anomalies';

export interface DetectOptions {
  /** Dropped or rejected flow records (ingress on the destination, egress on the source), or bits/s through it. */
  metric: AnomalyMetric;
  endpoint: AnomalyEndpoint;
  /** Seconds per window; made a whole multiple of the export interval. */
  windowSeconds: number;
  /** How many windows before each one it is judged against. */
  historyWindows: number;
  method: AnomalyMethod;
  /** Band half-width in standard deviations (or scaled MADs). */
  k: number;
  /**
   * The `threshold` method's fixed upper bound, in the metric's unit (denied flows per window, bits/s):
   * a window above it is abnormal, whatever came before. The band is 0 … threshold.
   */
  threshold: number | undefined;
  /** EWMA smoothing: the weight of the newest window. */
  alpha: number;
  /** Windows of history an endpoint needs before any of its windows is judged. */
  minHistoryWindows: number;
  /**
   * `series`: value, expected, bounds and score per endpoint; `score`: the score alone (for alert
   * rules: above 1 means outside the band); `anomalies`: only the windows outside the band (tables, annotations).
   */
  output: AnomalyOutput;
  /** Series output: the endpoints with the highest scores in the range; at most this many. */
  maxEndpoints: number;
  clusters: string[];
  namespaces: string[];
  excludedNamespaces: string[];
}

export class DetectOptionsError extends Error {}

export const defaultDetectOptions: DetectOptions = {
  metric: 'deniedFlows',
  endpoint: 'pod',
  windowSeconds: 300,
  historyWindows: 288,
  method: 'meanStddev',
  k: 3,
  threshold: undefined,
  alpha: 0.1,
  minHistoryWindows: 12,
  output: 'series',
  maxEndpoints: 10,
  clusters: [],
  namespaces: [],
  excludedNamespaces: [],
};

const choices: Record<string, readonly string[]> = {
  metric: ['deniedFlows', 'throughput'],
  endpoint: ['pod', 'podLabels', 'namespace', 'externalIP', 'service', 'cluster'],
  method: ['meanStddev', 'medianMad', 'ewma', 'threshold'],
  output: ['series', 'score', 'anomalies'],
};
const numbers: Record<string, { min: number; max: number; whole: boolean }> = {
  k: { min: 0.5, max: 20, whole: false },
  threshold: { min: 0, max: 1e15, whole: false },
  alpha: { min: 0.01, max: 1, whole: false },
  minHistoryWindows: { min: 1, max: 10_000, whole: true },
  maxEndpoints: { min: 1, max: 10_000, whole: true },
};
const lists = ['clusters', 'namespaces', 'excludedNamespaces'] as const;
const known = new Set(['version', 'window', 'history', ...Object.keys(choices), ...Object.keys(numbers), ...lists]);

export function parseDetectOptions(model: unknown): DetectOptions {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    throw new DetectOptionsError('the anomaly detection query is missing its "detect" settings');
  }
  const input = model as Record<string, unknown>;
  if (input.version !== 1) {
    throw new DetectOptionsError(
      `anomaly detection query version ${JSON.stringify(input.version)} is not supported by this plugin version (it reads version 1); update the plugin`
    );
  }
  const unknownKey = Object.keys(input).find((key) => !known.has(key));
  if (unknownKey) throw new DetectOptionsError(`unknown anomaly detection setting "${unknownKey}"`);
  const options: DetectOptions = { ...defaultDetectOptions };
  const writable = options as unknown as Record<string, unknown>;
  for (const [key, allowed] of Object.entries(choices)) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new DetectOptionsError(`${key} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    }
    writable[key] = value;
  }
  for (const [key, range] of Object.entries(numbers)) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    const number = Number(value);
    if (
      !Number.isFinite(number) ||
      number < range.min ||
      number > range.max ||
      (range.whole && !Number.isInteger(number))
    ) {
      throw new DetectOptionsError(
        `${key} must be ${range.whole ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}, got ${JSON.stringify(value)}`
      );
    }
    writable[key] = number;
  }
  options.windowSeconds = duration(input.window, 'window', defaultDetectOptions.windowSeconds);
  const historySeconds = duration(
    input.history,
    'history',
    defaultDetectOptions.historyWindows * options.windowSeconds
  );
  options.historyWindows = Math.max(1, Math.round(historySeconds / options.windowSeconds));
  if (options.historyWindows > 20_000) {
    throw new DetectOptionsError(
      `history is ${options.historyWindows} windows long; at most 20000 (lengthen the window)`
    );
  }
  if (options.method === 'threshold') {
    if (options.threshold === undefined) {
      throw new DetectOptionsError('the threshold method needs a threshold: the value a window must exceed');
    }
    // Judged against a fixed bound, a window needs no history: none is read (its band is always ready).
    options.historyWindows = 0;
  } else if (options.threshold !== undefined) {
    throw new DetectOptionsError(`threshold is read by the threshold method only; method is ${options.method}`);
  }
  for (const key of lists) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => typeof item !== 'string')) {
      throw new DetectOptionsError(`${key} must be a list of names, got ${JSON.stringify(value)}`);
    }
    const names = (items as string[]).map((item) => item.trim()).filter((item) => item !== '');
    options[key] = names.some((name) => name === '$__all' || name === '*') ? [] : [...new Set(names)].sort();
  }
  return options;
}

function duration(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  try {
    return durationSeconds(name, String(value));
  } catch (error) {
    throw new DetectOptionsError(
      error instanceof MacroError ? `${name}: ${String(value)} is not a duration; use e.g. 5m, 1h or 1d` : String(error)
    );
  }
}
