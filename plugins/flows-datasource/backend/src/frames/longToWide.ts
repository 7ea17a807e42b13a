import { makeBuilder, type DataType, type Vector } from 'apache-arrow';
import { timeVectorFromNanos } from './fieldVectors.ts';
import type { Frame, FrameField } from './frame.ts';

export class TimeSeriesShapeError extends Error {}

/**
 * Grafana's "long to wide" for SQL results: the first time column becomes the time field, every
 * string column becomes a label, and each number column splits into one field per label set.
 * Rows are sorted by time; a series without a value at a time gets null there. With the query's
 * bucket width, the time field declares it as its `interval`: Grafana then breaks a line where
 * buckets are missing altogether, instead of drawing it across them.
 */
export function longToWide(frame: Frame, bucketSeconds?: number): Frame {
  const timeField = frame.fields.find((field) => field.kind === 'time');
  if (!timeField) {
    const seen = frame.fields.map((field) => `${field.name} (${field.kind})`).join(', ') || 'no columns';
    throw new TimeSeriesShapeError(
      `time series format needs a time column (e.g. $__timeInterval(flowEndSeconds) AS time); the query returned ${seen}. Switch the format to table or add a time column.`
    );
  }
  const labelFields = frame.fields.filter((field) => field.kind === 'string');
  const valueFields = frame.fields.filter((field) => field.kind === 'number' || field.kind === 'boolean');
  const rowCount = timeField.values.length;

  const times = timeNanos(timeField.values);
  const order = Array.from({ length: rowCount }, (_, i) => i).sort((a, b) =>
    compareNullableBigInt(times[a]!, times[b]!)
  );
  const uniqueTimes: Array<bigint | null> = [];
  const timeIndexOfRow = new Int32Array(rowCount);
  for (const row of order) {
    const time = times[row]!;
    if (uniqueTimes.length === 0 || uniqueTimes[uniqueTimes.length - 1] !== time) {
      uniqueTimes.push(time);
    }
    timeIndexOfRow[row] = uniqueTimes.length - 1;
  }

  // Series keyed by their label values, in order of first appearance (in time order).
  const seriesByKey = new Map<string, { labels: Record<string, string>; rows: number[] }>();
  for (const row of order) {
    const labels: Record<string, string> = {};
    for (const field of labelFields) {
      labels[field.name] = String(field.values.get(row) ?? '');
    }
    const key = JSON.stringify(labels);
    let series = seriesByKey.get(key);
    if (!series) {
      series = { labels, rows: [] };
      seriesByKey.set(key, series);
    }
    series.rows.push(row);
  }

  const timeConfig = bucketSeconds ? { ...timeField.config, interval: bucketSeconds * 1000 } : timeField.config;
  const fields: FrameField[] = [
    { ...timeField, values: timeVectorFromNanos(uniqueTimes), nullable: false, config: timeConfig },
  ];
  for (const valueField of valueFields) {
    for (const series of seriesByKey.values()) {
      const slots: unknown[] = new Array(uniqueTimes.length).fill(null);
      for (const row of series.rows) {
        slots[timeIndexOfRow[row]!] = valueField.values.get(row);
      }
      fields.push({
        name: valueField.name,
        kind: valueField.kind,
        nullable: true,
        labels: labelFields.length > 0 ? series.labels : undefined,
        config: valueField.config,
        values: sameType(valueField.values, slots),
      });
    }
  }
  return {
    ...frame,
    fields,
    meta: { ...frame.meta, type: 'timeseries-wide', typeVersion: [0, 1] },
  };
}

function timeNanos(vector: Vector<DataType>): Array<bigint | null> {
  const out: Array<bigint | null> = new Array(vector.length);
  let row = 0;
  for (const chunk of vector.data) {
    const values = chunk.values as BigInt64Array;
    for (let i = 0; i < chunk.length; i++, row++) {
      out[row] = chunk.getValid(i) ? values[chunk.offset + i]! : null;
    }
  }
  return out;
}

function compareNullableBigInt(a: bigint | null, b: bigint | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function sameType(source: Vector<DataType>, values: unknown[]): Vector<DataType> {
  const builder = makeBuilder({ type: source.type, nullValues: [null, undefined] });
  for (const value of values) {
    builder.append(value as never);
  }
  return builder.finish().toVector();
}
