import { boolVector, field, float64Vector, stringVector, timeVector } from '../frames/fieldVectors.ts';
import type { Frame, FrameField } from '../frames/frame.ts';
import type { Detection, EndpointJudgement } from './anomalyDetection.ts';
import type { DetectOptions } from './detectOptions.ts';

/**
 * Detections as Grafana frames:
 * - `series` (time series): a frame per endpoint — value, expected, lower, upper, score — each field
 *   labelled `endpoint`, for graphs with the expected band;
 * - `score` (time series): the score alone per endpoint, for alert rules (above 1: outside the band);
 * - `series` (table): one row per endpoint and window;
 * - `anomalies` (table): only windows outside the band, with time, timeEnd, text and tags, so the same
 *   query also serves as annotations.
 */
const metricNames = { deniedFlows: 'denied flows', throughput: 'throughput' } as const;

export function anomalyFrames(
  refId: string,
  detection: Detection,
  options: DetectOptions,
  format: 'table' | 'timeseries'
): Frame[] {
  const unit = options.metric === 'throughput' ? 'bps' : 'short';
  const judgements =
    options.output === 'series' ? detection.judgements.slice(0, options.maxEndpoints) : detection.judgements;
  if (options.output === 'anomalies') return [anomaliesTable(refId, detection, options, unit)];
  if (format === 'table') return [seriesTable(refId, judgements, options, unit)];
  return judgements.map((judgement) => endpointFrame(refId, judgement, options, unit));
}

function endpointFrame(refId: string, judgement: EndpointJudgement, options: DetectOptions, unit: string): Frame {
  const labels = { endpoint: judgement.endpoint };
  const named = (name: string, values: Array<number | null>, display: string, fieldUnit = unit): FrameField =>
    field(name, 'number', float64Vector(values), {
      labels,
      config: { unit: fieldUnit, displayNameFromDS: `${judgement.endpoint} ${display}` },
    });
  const band = (pick: 'expected' | 'lower' | 'upper') => judgement.bands.map((entry) => (entry ? entry[pick] : null));
  const scores = judgement.scores.map((score) => (score === undefined ? null : finite(score)));
  const fields: FrameField[] = [field('time', 'time', timeVector(judgement.windowsMs))];
  if (options.output === 'score') {
    fields.push(named('score', scores, 'anomaly score', 'none'));
  } else {
    fields.push(
      named('value', judgement.values, metricNames[options.metric]),
      named('expected', band('expected'), 'expected'),
      named('lower', band('lower'), 'lower bound'),
      named('upper', band('upper'), 'upper bound'),
      named('score', scores, 'anomaly score', 'none')
    );
  }
  return { name: judgement.endpoint, refId, fields, meta: { type: 'timeseries-multi', typeVersion: [0, 1] } };
}

function seriesTable(refId: string, judgements: EndpointJudgement[], options: DetectOptions, unit: string): Frame {
  const rows = judgements.flatMap((judgement) =>
    judgement.windowsMs.map((windowMs, index) => ({ judgement, windowMs, index }))
  );
  const band = (pick: 'expected' | 'lower' | 'upper') =>
    float64Vector(rows.map(({ judgement, index }) => judgement.bands[index]?.[pick] ?? null));
  return {
    name: 'windows',
    refId,
    fields: [
      field('time', 'time', timeVector(rows.map((row) => row.windowMs))),
      field('endpoint', 'string', stringVector(rows.map((row) => row.judgement.endpoint))),
      field('value', 'number', float64Vector(rows.map(({ judgement, index }) => judgement.values[index]!)), {
        config: { unit },
      }),
      field('expected', 'number', band('expected'), { config: { unit } }),
      field('lower', 'number', band('lower'), { config: { unit } }),
      field('upper', 'number', band('upper'), { config: { unit } }),
      field('score', 'number', float64Vector(rows.map(({ judgement, index }) => nullable(judgement.scores[index])))),
      field(
        'anomaly',
        'boolean',
        boolVector(rows.map(({ judgement, index }) => Math.abs(judgement.scores[index] ?? 0) > 1))
      ),
      field('method', 'string', stringVector(rows.map(() => options.method))),
    ],
    meta: { preferredVisualisationType: 'table' },
  };
}

function anomaliesTable(refId: string, detection: Detection, options: DetectOptions, unit: string): Frame {
  const windowMs = options.windowSeconds * 1000;
  const rows = detection.judgements
    .flatMap((judgement) =>
      judgement.scores.flatMap((score, index) =>
        score !== undefined && Math.abs(score) > 1 ? [{ judgement, index, score }] : []
      )
    )
    .sort((a, b) => a.judgement.windowsMs[a.index]! - b.judgement.windowsMs[b.index]! || b.score - a.score);
  const describe = ({ judgement, index, score }: (typeof rows)[number]) => {
    const band = judgement.bands[index]!;
    const value = judgement.values[index]!;
    const amount = (number: number) =>
      options.metric === 'throughput' ? bitsPerSecond(number) : `${Math.round(number)}`;
    const windows = `${options.windowSeconds / 60} min windows`;
    if (options.method === 'threshold') {
      return `${judgement.endpoint}: ${metricNames[options.metric]} ${amount(value)}, more than ${amount(band.upper)} (threshold, ${windows})`;
    }
    return `${judgement.endpoint}: ${metricNames[options.metric]} ${amount(value)}, expected ${amount(band.expected)} (${score > 0 ? 'above' : 'below'} ${amount(score > 0 ? band.upper : band.lower)}; ${options.method}, ${windows})`;
  };
  return {
    name: 'anomalies',
    refId,
    fields: [
      field('time', 'time', timeVector(rows.map((row) => row.judgement.windowsMs[row.index]!))),
      field('timeEnd', 'time', timeVector(rows.map((row) => row.judgement.windowsMs[row.index]! + windowMs))),
      field('endpoint', 'string', stringVector(rows.map((row) => row.judgement.endpoint))),
      field('value', 'number', float64Vector(rows.map((row) => row.judgement.values[row.index]!)), {
        config: { unit },
      }),
      field('expected', 'number', float64Vector(rows.map((row) => row.judgement.bands[row.index]!.expected)), {
        config: { unit },
      }),
      field(
        'bound',
        'number',
        float64Vector(
          rows.map((row) =>
            row.score > 0 ? row.judgement.bands[row.index]!.upper : row.judgement.bands[row.index]!.lower
          )
        ),
        { config: { unit } }
      ),
      field('score', 'number', float64Vector(rows.map((row) => finite(row.score)))),
      field('method', 'string', stringVector(rows.map(() => options.method))),
      field('text', 'string', stringVector(rows.map(describe))),
      field('tags', 'string', stringVector(rows.map(() => `flowlens,anomaly,${options.metric}`))),
    ],
    meta: { preferredVisualisationType: 'table' },
  };
}

function bitsPerSecond(value: number): string {
  const [divisor, unit] =
    value >= 1e9 ? [1e9, 'Gbit/s'] : value >= 1e6 ? [1e6, 'Mbit/s'] : value >= 1e3 ? [1e3, 'kbit/s'] : [1, 'bit/s'];
  return `${(value / divisor).toFixed(value >= 1e3 ? 2 : 0)} ${unit}`;
}

/** Arrow and Grafana take no infinities: an unbounded score (no room in the band) is shown as 1000. */
function finite(score: number): number {
  return Number.isFinite(score) ? score : Math.sign(score) * 1000;
}

function nullable(score: number | undefined): number | null {
  return score === undefined ? null : finite(score);
}
