import type { Frame } from '../frames/frame.ts';
import { detectAnomalies, type WindowValue } from '../anomalies/anomalyDetection.ts';
import { anomalyFrames } from '../anomalies/anomalyFrames.ts';
import type { DetectOptions } from '../anomalies/detectOptions.ts';
import { spreadIntoWindows, type WindowParts } from '../anomalies/windowParts.ts';
import { rollupWindows } from '../anomalies/rollupWindows.ts';
import { windowedValuesSql } from '../anomalies/windowedValuesSql.ts';
import type { QueryResult } from '../engines/engine.ts';
import type { Filter } from '../sql/conditions.ts';
import { expandMacros } from '../sql/macroExpander.ts';
import type { DatasourceInstance } from './datasourceInstances.ts';
import type { QueryFormat } from '../sql/parsedQuery.ts';
import type { DataQuery } from './types.ts';
import { usableRollups } from './usableRollups.ts';

/**
 * The `detectAnomalies` query type: values per endpoint and window from the database (the time range
 * plus the history before it), judged in the backend. Windows are whole multiples of the export
 * interval, as every FlowLens time bucket. Denied flows read the per-minute rollup where it answers
 * exactly (rollupWindows.ts).
 */
export async function answerDetectAnomalies(
  query: Pick<DataQuery, 'refId' | 'timeRange'>,
  requested: DetectOptions,
  format: QueryFormat,
  adHocFilters: Filter[],
  instance: DatasourceInstance,
  signal: AbortSignal,
  onSql: (sql: string) => void
): Promise<Frame[]> {
  const exportIntervalSeconds = instance.settings.exportIntervalSeconds;
  const windowSeconds = Math.ceil(requested.windowSeconds / exportIntervalSeconds) * exportIntervalSeconds;
  const options = { ...requested, windowSeconds };
  const windowMs = windowSeconds * 1000;
  const historyFromMs = Math.floor(query.timeRange.fromMs / windowMs) * windowMs - options.historyWindows * windowMs;
  const dialect = instance.engine.dialect;
  const sqlRange = { fromMs: historyFromMs, toMs: query.timeRange.toMs };
  const rollups = await usableRollups(instance);
  const rollup = rollupWindows(options, adHocFilters, rollups, sqlRange);
  const sql = expandMacros(windowedValuesSql(options, dialect, adHocFilters, rollup), dialect, {
    timeRange: sqlRange,
    intervalMs: windowMs,
    exportIntervalSeconds,
  });
  onSql(sql);
  const result = await instance.limit.run(signal, () =>
    instance.engine.query(sql, {
      timeoutMs: instance.settings.queryTimeoutSeconds * 1000,
      rowLimit: instance.settings.rowLimit,
      signal,
    })
  );
  const detection = detectAnomalies(
    windowValues(result, windowMs, sqlRange),
    options,
    query.timeRange,
    exportIntervalSeconds
  );
  const frames = anomalyFrames(query.refId, detection, options, format);
  if (result.truncated && frames[0]) {
    frames[0].meta = {
      ...frames[0].meta,
      notices: [
        {
          severity: 'warning',
          text: `Only the first ${instance.settings.rowLimit.toLocaleString('en-US')} endpoint windows were read; narrow the namespaces or lengthen the window.`,
        },
      ],
    };
  }
  for (const frame of frames) frame.meta = { ...frame.meta, executedQueryString: sql };
  return frames;
}

/** The SQL's rows as window values; throughput's two parts per row go to the windows they belong to. */
function windowValues(
  result: QueryResult,
  windowMs: number,
  sqlRange: { fromMs: number; toMs: number }
): WindowValue[] {
  const column = (name: string) => result.fields.find((field) => field.name === name)?.values;
  const endpoints = column('endpoint');
  const windows = column('window');
  const values = column('value');
  if (!endpoints || !windows || !values)
    throw new Error('the windowed values query returned no endpoint, window or value column');
  const valuesBefore = column('valueBefore');
  const reachesBefore = column('reachesBefore');
  const parts: WindowParts[] = [];
  for (let row = 0; row < result.rowCount; row++) {
    parts.push({
      endpoint: String(endpoints.get(row)),
      windowMs: epochMs(windows.get(row)),
      value: Number(values.get(row) ?? 0),
      valueBefore: Number(valuesBefore?.get(row) ?? 0),
      reachesBefore: Number(reachesBefore?.get(row) ?? 0) > 0,
    });
  }
  // Denied flows have no part before: every row is its window's value.
  if (!valuesBefore) return parts;
  return spreadIntoWindows(parts, windowMs, sqlRange);
}

/** Timestamp(ns) fields read back as bigint nanoseconds. */
function epochMs(value: unknown): number {
  if (typeof value === 'bigint') return Number(value / 1_000_000n);
  if (value instanceof Date) return value.getTime();
  return Number(value);
}
