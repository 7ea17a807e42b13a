import { parsePodLabels, stableLabels } from '../recommend/workloadLabels.ts';
import type { DetectOptions } from './detectOptions.ts';
import { anomalyScore, BusyWindowsBand, movingBand, silentAfterBusyShare, type Band } from './expectedBands.ts';

/** A value of one endpoint in one window, as the windowed SQL returns it. */
export interface WindowValue {
  endpoint: string;
  windowMs: number;
  value: number;
}

/** One endpoint's judged windows, oldest first. */
export interface EndpointJudgement {
  endpoint: string;
  windowsMs: number[];
  values: number[];
  /** Undefined where the history was too short to judge. */
  bands: Array<Band | undefined>;
  scores: Array<number | undefined>;
  /** The highest score in the range (absolute), for ranking endpoints. */
  worstScore: number;
}

export interface Detection {
  judgements: EndpointJudgement[];
  /** Windows judged: from the time range's first to the last one the flow source has fully written. */
  firstWindowMs: number;
  lastWindowMs: number;
}

/**
 * Judges every endpoint's windows inside the time range against the windows before each (up to
 * `historyWindows`, never before the first window the table has data for). A window is judged once
 * it has ended and one export interval has passed (the flow source writes a window's last records
 * that much later): a window still filling would always read low. Against a fixed threshold it is
 * judged at once: records still to come only raise it, so one above the threshold stays above.
 */
export function detectAnomalies(
  rows: readonly WindowValue[],
  options: DetectOptions,
  range: { fromMs: number; toMs: number },
  exportIntervalSeconds: number
): Detection {
  const windowMs = options.windowSeconds * 1000;
  const firstWindowMs = Math.floor(range.fromMs / windowMs) * windowMs;
  const lastWindowMs =
    options.method === 'threshold'
      ? Math.floor(range.toMs / windowMs) * windowMs
      : Math.floor((range.toMs - exportIntervalSeconds * 1000) / windowMs) * windowMs - windowMs;
  const historyStartMs = firstWindowMs - options.historyWindows * windowMs;
  let earliestMs = Number.POSITIVE_INFINITY;
  for (const row of rows) earliestMs = Math.min(earliestMs, row.windowMs);
  const dataStartMs = Math.max(historyStartMs, earliestMs);
  if (rows.length === 0 || lastWindowMs < firstWindowMs) return { judgements: [], firstWindowMs, lastWindowMs };

  const count = Math.round((lastWindowMs - historyStartMs) / windowMs) + 1;
  const series = new Map<string, Float64Array>();
  for (const row of rows) {
    const index = Math.round((row.windowMs - historyStartMs) / windowMs);
    if (index < 0 || index >= count) continue;
    const endpoint = options.endpoint === 'podLabels' ? workloadOfLabels(row.endpoint, true) : row.endpoint;
    let values = series.get(endpoint);
    if (!values) {
      values = new Float64Array(count);
      series.set(endpoint, values);
    }
    values[index]! += row.value;
  }

  const firstJudged = Math.round((firstWindowMs - historyStartMs) / windowMs);
  const dataStart = Math.round((dataStartMs - historyStartMs) / windowMs);
  const judgements: EndpointJudgement[] = [];
  for (const [endpoint, values] of series) {
    const judgement: EndpointJudgement = { endpoint, windowsMs: [], values: [], bands: [], scores: [], worstScore: 0 };
    const moving = movingBand(options.method, options.metric, options.historyWindows, options.alpha, options.threshold);
    for (let index = Math.max(dataStart, firstJudged - options.historyWindows); index < firstJudged; index++) {
      moving.push(values[index]!);
    }
    for (let index = firstJudged; index < count; index++) {
      const band = moving.size >= options.minHistoryWindows ? moving.band(options.k) : undefined;
      const value = values[index]!;
      const score = band ? judge(value, band, moving) : undefined;
      judgement.windowsMs.push(historyStartMs + index * windowMs);
      judgement.values.push(value);
      judgement.bands.push(band);
      judgement.scores.push(score);
      if (score !== undefined) judgement.worstScore = Math.max(judgement.worstScore, Math.abs(score));
      if (index >= dataStart) moving.push(value);
    }
    judgements.push(judgement);
  }
  judgements.sort((a, b) => b.worstScore - a.worstScore || (a.endpoint < b.endpoint ? -1 : 1));
  return { judgements, firstWindowMs, lastWindowMs };
}

/** Throughput: an idle window counts only when the endpoint was almost always busy (it went silent). */
function judge(value: number, band: Band, moving: ReturnType<typeof movingBand>): number {
  if (moving instanceof BusyWindowsBand && value === 0) return moving.busyShare >= silentAfterBusyShare ? -2 : 0;
  return anomalyScore(value, band);
}

/** `namespace {labels json}` → `namespace/k=v,k=v` with the generated labels left out. */
export function workloadOfLabels(endpoint: string, dropGenerated: boolean): string {
  const space = endpoint.indexOf(' ');
  const namespace = space < 0 ? endpoint : endpoint.slice(0, space);
  const labels = stableLabels(parsePodLabels(space < 0 ? '' : endpoint.slice(space + 1)) ?? {}, dropGenerated);
  const text = Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  return `${namespace}/${text || '(no labels)'}`;
}
