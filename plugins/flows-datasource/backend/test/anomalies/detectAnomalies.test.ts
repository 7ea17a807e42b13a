import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSink, loadIntoChdb, writeFlows, type GenerateOptions } from '@flowlens/flowgen';
import { FakesnowServer, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../src/engines/createEngine.ts';
import type { Frame } from '../../src/frames/frame.ts';
import { DatasourceInstances } from '../../src/handlers/datasourceInstances.ts';
import { queryData } from '../../src/handlers/queryData.ts';
import { QueryMetrics } from '../../src/handlers/queryMetrics.ts';
import type { DataResponse, DataSourceSettings } from '../../src/handlers/types.ts';
import { detectAnomalies } from '../../src/anomalies/anomalyDetection.ts';
import { parseDetectOptions } from '../../src/anomalies/detectOptions.ts';
import { rollupWindows } from '../../src/anomalies/rollupWindows.ts';
import { rollupColumns, type Rollup } from '../../src/sql/rollup.ts';
import { clickhouseDataSource, quietLogger } from '../support/engines.ts';
import {
  flowsSchemaSql,
  snowflakeDatabase,
  snowflakeDataSource,
  snowflakeEngine,
  snowflakeSchema,
} from '../support/snowflake.ts';
import { currentRollup } from '../support/rollups.ts';
import { evaluateRuleQuery, provisionedRule, worstScores } from '../support/alertRules.ts';

/**
 * Anomaly detection on a simulated week of steady traffic (flowgen --steady: no day and night, no
 * batch job, no built-in anomalies) with two anomalies injected: a burst of rejected connections at
 * shop/api and an upload from bookinfo/details-v1. Both must be found at their windows by every
 * method; the rest of the week may flag at most one window per endpoint per day on average.
 */
const day = 86_400;
const start = Date.parse('2025-01-06T00:00:00Z') / 1000;
const burst = { at: start + 5 * day + 10 * 3600, seconds: 600 };
const spike = { at: start + 6 * day + 14 * 3600, seconds: 900 };
const week: GenerateOptions = {
  from: start,
  to: start + 8 * day,
  scale: 0.05,
  steadyTraffic: true,
  builtInAnomalies: false,
  injections: [
    { kind: 'dropBurst', target: 'shop/api', at: burst.at, durationSeconds: burst.seconds },
    { kind: 'throughputSpike', target: 'bookinfo/details-v1', at: spike.at, durationSeconds: spike.seconds },
  ],
};
// Judged: the last seven days; the first day is history.
const judged = { fromMs: (start + day) * 1000, toMs: (start + 8 * day) * 1000 };
const methods = ['meanStddev', 'medianMad', 'ewma'] as const;

let dir: string;
let session: Session;
let http: ChdbHttpServer;
let instances: DatasourceInstances;
let clickhouse: DataSourceSettings;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-anomalies-'));
  session = new Session(join(dir, 'chdb'));
  await loadIntoChdb(session, week);
  http = await startChdbHttpServer({ session });
  instances = new DatasourceInstances(createEngine, quietLogger);
  clickhouse = clickhouseDataSource(http.url);
}, 300_000);

afterAll(async () => {
  await instances?.closeAll();
  await http?.close();
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function detect(
  detectModel: Record<string, unknown>,
  options: {
    format?: 'table' | 'timeseries';
    timeRange?: { fromMs: number; toMs: number };
    dataSource?: DataSourceSettings;
    queryType?: string;
  } = {}
): Promise<DataResponse> {
  const responses = await queryData(
    {
      context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource: options.dataSource ?? clickhouse },
      queries: [
        {
          refId: 'A',
          queryType: options.queryType ?? 'detectAnomalies',
          maxDataPoints: 1000,
          intervalMs: 60_000,
          timeRange: options.timeRange ?? judged,
          json: { format: options.format ?? 'table', detect: { version: 1, ...detectModel } },
        },
      ],
      signal: new AbortController().signal,
    },
    { instances, metrics: new QueryMetrics(), logger: quietLogger }
  );
  return responses.get('A')!;
}

function rows(frame: Frame): Array<Record<string, unknown>> {
  const length = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length }, (_, index) =>
    Object.fromEntries(frame.fields.map((field) => [field.name, field.values.get(index)]))
  );
}

async function anomalies(detectModel: Record<string, unknown>) {
  const response = await detect({ ...detectModel, output: 'anomalies' });
  expect(response.error, response.error).toBeUndefined();
  return rows(response.frames[0]!).map((row) => ({
    ...row,
    time: Number(row.time),
    endpoint: String(row.endpoint),
    text: String(row.text),
  }));
}

const within = (time: number, window: { at: number; seconds: number }) =>
  time >= window.at * 1000 - 300_000 && time < (window.at + window.seconds) * 1000 + 300_000;

describe.each(methods)('%s', (method) => {
  it('finds the drop burst at shop/api in its windows', async () => {
    const found = await anomalies({ metric: 'deniedFlows', method });
    const burstWindows = found.filter((row) => row.endpoint.startsWith('shop/api-') && within(row.time, burst));
    // Every api pod, in both five-minute windows of the ten-minute burst (EWMA: at its onset, after
    // which the burst is part of what it expects).
    for (const windowStart of method === 'ewma' ? [burst.at] : [burst.at, burst.at + 300]) {
      expect(
        burstWindows.filter((row) => row.time === windowStart * 1000).length,
        new Date(windowStart * 1000).toISOString()
      ).toBe(3);
    }
    expect(String(burstWindows[0]!.text)).toMatch(/^shop\/api-.*: denied flows \d+, expected \d+ \(above \d+;/);
  });

  it('finds the upload from bookinfo/details-v1 in its windows', async () => {
    const found = await anomalies({ metric: 'throughput', method });
    const spikeWindows = found.filter(
      (row) => row.endpoint.startsWith('bookinfo/details-v1-') && within(row.time, spike)
    );
    const times = new Set(spikeWindows.map((row) => row.time));
    const windows = method === 'ewma' ? [spike.at] : [spike.at, spike.at + 300, spike.at + 600];
    for (const windowStart of windows) {
      expect(times.has(windowStart * 1000), new Date(windowStart * 1000).toISOString()).toBe(true);
    }
  });

  it.each(['deniedFlows', 'throughput'])(
    'flags steady %s at most once per endpoint per day, on average over the week',
    async (metric) => {
      const found = await anomalies({ metric, method });
      const falseFlags = new Map<string, number>();
      for (const row of found) {
        const injected =
          (row.endpoint.startsWith('shop/api-') && within(row.time, burst)) ||
          (row.endpoint.startsWith('bookinfo/details-v1-') && within(row.time, spike));
        if (!injected) falseFlags.set(row.endpoint, (falseFlags.get(row.endpoint) ?? 0) + 1);
      }
      const tooMany = [...falseFlags].filter(([, flags]) => flags > 7);
      expect(tooMany).toEqual([]);
    }
  );
});

describe('frames', () => {
  it('gives a series per endpoint with value, band and score, labelled by endpoint', async () => {
    const response = await detect({ metric: 'deniedFlows', maxEndpoints: 4 }, { format: 'timeseries' });
    expect(response.error).toBeUndefined();
    expect(response.frames).toHaveLength(4);
    const frame = response.frames[0]!;
    expect(frame.meta?.type).toBe('timeseries-multi');
    expect(frame.fields.map((field) => [field.name, field.kind])).toEqual([
      ['time', 'time'],
      ['value', 'number'],
      ['expected', 'number'],
      ['lower', 'number'],
      ['upper', 'number'],
      ['score', 'number'],
    ]);
    expect(frame.fields[1]!.labels).toEqual({ endpoint: frame.name });
    // Ranked by their worst score: the burst's pods come first.
    expect(frame.name).toMatch(/^shop\/api-/);
    expect(frame.fields[0]!.values.length).toBe(7 * 288 - 1);
  });

  it('gives one row per endpoint and window as a table', async () => {
    const response = await detect(
      { metric: 'throughput', endpoint: 'namespace', maxEndpoints: 2 },
      { format: 'table' }
    );
    const table = rows(response.frames[0]!);
    expect(Object.keys(table[0]!)).toEqual([
      'time',
      'endpoint',
      'value',
      'expected',
      'lower',
      'upper',
      'score',
      'anomaly',
      'method',
    ]);
    expect(new Set(table.map((row) => row.endpoint)).size).toBe(2);
  });

  it('groups by pod labels without the generated ones', async () => {
    const response = await detect(
      { metric: 'deniedFlows', endpoint: 'podLabels', output: 'score' },
      { format: 'timeseries' }
    );
    const names = response.frames.map((frame) => frame.name);
    expect(names).toContain('shop/app=shop,tier=api');
    expect(names.some((name) => String(name).includes('pod-template-hash'))).toBe(false);
  });
});

describe('denied flows from the per-minute rollup', () => {
  // The week was loaded after the schema made the rollup, so it holds every record.
  const rawOnly = () => ({ ...clickhouse, uid: 'chdb-raw', jsonData: { ...clickhouse.jsonData, useRollups: false } });
  // The range ends inside a minute: its last seconds come from the raw records.
  const timeRange = { fromMs: (start + 5 * day) * 1000, toMs: (start + 6 * day) * 1000 - 23_000 };
  const readsRollup = (response: DataResponse) =>
    /\bflows_minutes\b/.test(response.frames[0]?.meta?.executedQueryString ?? '');

  // This week has no denied flows to or from outside addresses: externalIP answers no windows either way.
  it.each([
    ['pod', 288],
    ['podLabels', 288],
    ['namespace', 288],
    ['service', 288],
    // One endpoint: one row per window, the last (still filling) not judged.
    ['cluster', 287],
    ['externalIP', 0],
  ])(
    '%s: every window the same as from the raw records',
    async (endpoint, leastRows) => {
      const model = { metric: 'deniedFlows', endpoint, maxEndpoints: 1000 };
      const [rolled, raw] = await Promise.all([
        detect(model, { timeRange }),
        detect(model, { timeRange, dataSource: rawOnly() }),
      ]);
      expect(rolled.error, rolled.error).toBeUndefined();
      expect(raw.error, raw.error).toBeUndefined();
      expect(readsRollup(rolled)).toBe(true);
      expect(readsRollup(raw)).toBe(false);
      const table = (response: DataResponse) => response.frames.flatMap((frame) => rows(frame));
      expect(table(rolled).length).toBeGreaterThanOrEqual(leastRows);
      expect(table(rolled)).toEqual(table(raw));
    },
    120_000
  );

  it('reads the raw records for throughput', async () => {
    const response = await detect({ metric: 'throughput', endpoint: 'pod' }, { timeRange });
    expect(response.error, response.error).toBeUndefined();
    expect(readsRollup(response)).toBe(false);
  });

  it('reads pod labels from a rollup only if it keeps them (one made before 2026-12-07 does not)', () => {
    const rollup = currentRollup;
    const older: Rollup = {
      ...rollup,
      columns: new Set([...rollupColumns].filter((column) => !column.endsWith('PodLabels'))),
    };
    const labels = parseDetectOptions({ version: 1, metric: 'deniedFlows', endpoint: 'podLabels' });
    expect(rollupWindows(labels, [], [rollup], timeRange)?.table).toBe('flows_minutes');
    expect(rollupWindows(labels, [], [older], timeRange)).toBeUndefined();
    // The other endpoints read the older rollup as before.
    expect(
      rollupWindows(parseDetectOptions({ version: 1, metric: 'deniedFlows', endpoint: 'pod' }), [], [older], timeRange)
        ?.table
    ).toBe('flows_minutes');
  });
});

describe('a fixed threshold (the dashboards\' "Dropped flow bursts")', () => {
  /** Denied flows per cluster and minute, counted straight in SQL: what the SQL annotation counted. */
  function deniedPerMinute(): Map<number, number> {
    const text = session
      .query(
        `SELECT toUnixTimestamp(toStartOfMinute(flowEndSeconds)) * 1000, count()
         FROM flows
         WHERE (ingressNetworkPolicyRuleAction IN (2, 3) OR egressNetworkPolicyRuleAction IN (2, 3))
           AND flowEndSeconds >= toDateTime(${start + 5 * day}) AND flowEndSeconds < toDateTime(${start + 6 * day})
         GROUP BY 1`,
        'TSV'
      )
      .toString()
      .trim();
    return new Map(text.split('\n').map((line) => line.split('\t').map(Number) as [number, number]));
  }

  it('marks exactly the minutes with more denied flows than the threshold, reading no history', async () => {
    const counts = deniedPerMinute();
    // The threshold: the busiest minute outside the injected burst, so only burst minutes exceed it.
    const threshold = Math.max(...[...counts].filter(([minute]) => !within(minute, burst)).map(([, count]) => count));
    const expected = [...counts].filter(([, count]) => count > threshold).map(([minute]) => minute);
    expect(expected.length).toBeGreaterThan(3);
    const response = await detect(
      { metric: 'deniedFlows', endpoint: 'cluster', window: '1m', method: 'threshold', threshold, output: 'anomalies' },
      { timeRange: { fromMs: (start + 5 * day) * 1000, toMs: (start + 6 * day) * 1000 - 1 } }
    );
    expect(response.error, response.error).toBeUndefined();
    const found = rows(response.frames[0]!);
    expect(found.map((row) => Number(row.time))).toEqual(expected.sort((a, b) => a - b));
    expect(found.map((row) => Number(row.value))).toEqual(expected.map((minute) => counts.get(minute)));
    expect(String(found[0]!.text)).toMatch(
      new RegExp(`^[0-9a-f-]{36}: denied flows \\d+, more than ${threshold} \\(threshold, 1 min windows\\)$`)
    );
    // No history: the query starts at the range.
    expect(response.frames[0]!.meta?.executedQueryString).toContain(`toDateTime(${start + 5 * day})`);
  });

  it('judges the window still filling: what is already above the threshold stays above', () => {
    const options = parseDetectOptions({
      version: 1,
      endpoint: 'cluster',
      window: '1m',
      method: 'threshold',
      threshold: 10,
    });
    const minute = 60_000;
    const values = [3, 12, 4, 11].map((value, index) => ({ endpoint: 'c', windowMs: index * minute, value }));
    // The range ends 5 s into the last window, before the flow source has written all of it.
    const detection = detectAnomalies(values, options, { fromMs: 0, toMs: 3 * minute + 5_000 }, 60);
    expect(detection.judgements[0]!.scores.map((score) => score! > 1)).toEqual([false, true, false, true]);
    // A band against history waits for the window to be written.
    const banded = detectAnomalies(
      values,
      parseDetectOptions({ version: 1, window: '1m' }),
      { fromMs: 0, toMs: 3 * minute + 5_000 },
      60
    );
    expect(banded.lastWindowMs).toBe(minute);
  });
});

describe('the provisioned alert rule, as Grafana alerting sends it', () => {
  const rule = provisionedRule('flowlens-abnormal-denied-flows');
  const evaluateAt = (nowSeconds: number) => evaluateRuleQuery(rule, nowSeconds, instances, clickhouse);

  it('fires for each api pod once the burst has been written, as one series per endpoint', async () => {
    const response = await evaluateAt(burst.at + burst.seconds + 120);
    expect(response.error, response.error).toBeUndefined();
    expect(response.frames.every((frame) => frame.fields.map((field) => field.name).join() === 'time,score')).toBe(
      true
    );
    const firing = [...worstScores(response)].filter(([, score]) => score > 1).map(([endpoint]) => endpoint);
    expect(firing.filter((endpoint) => endpoint.startsWith('shop/api-'))).toHaveLength(3);
    expect(firing.every((endpoint) => endpoint.startsWith('shop/api-'))).toBe(true);
  });

  it('stays quiet on an ordinary afternoon', async () => {
    const response = await evaluateAt(start + 3 * day + 15 * 3600);
    expect(response.error).toBeUndefined();
    expect([...worstScores(response)].filter(([, score]) => score > 1)).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    [{ metric: 'bytes' }, 'metric "bytes" is not one of deniedFlows, throughput'],
    [{ window: 'soon' }, 'window: soon is not a duration'],
    [{ k: 0 }, 'k must be a number from 0.5 to 20, got 0'],
    [{ threshold: 3 }, 'threshold is read by the threshold method only; method is meanStddev'],
    [{ method: 'threshold' }, 'the threshold method needs a threshold'],
    [{ method: 'threshold', threshold: -1 }, 'threshold must be a number from 0 to'],
  ])('%j is a clear per-query error', async (model, message) => {
    const response = await detect(model);
    expect(response.status).toBe(400);
    expect(response.error).toContain(message);
  });
});

describe('ClickHouse and Snowflake', () => {
  it('find the same anomalies on the days of the burst and the upload', async () => {
    const fakesnow = await FakesnowServer.launch();
    try {
      // The same week in both (about two million records; fakesnow loads the CSV with DuckDB).
      const csv = join(dir, 'week.csv');
      await writeFlows(new FileSink({ format: 'csv', output: csv }), week);
      const engine = snowflakeEngine(fakesnow);
      try {
        await engine.query(flowsSchemaSql, { timeoutMs: 30_000, rowLimit: 10, signal: new AbortController().signal });
      } finally {
        await engine.close();
      }
      const loaded = await fakesnow.loadCsv(`${snowflakeDatabase}.${snowflakeSchema}.FLOWS`, csv);
      expect(loaded).toBe(Number(session.query('SELECT count() FROM flows', 'TSV').toString().trim()));
      const timeRange = { fromMs: (start + 5 * day) * 1000, toMs: (start + 7 * day) * 1000 };
      for (const metric of ['deniedFlows', 'throughput']) {
        const model = { metric, output: 'anomalies' };
        const [onClickHouse, onSnowflake] = await Promise.all([
          detect(model, { timeRange }),
          detect(model, { timeRange, dataSource: snowflakeDataSource(fakesnow) }),
        ]);
        expect(onSnowflake.error, onSnowflake.error).toBeUndefined();
        const comparable = (response: DataResponse) =>
          rows(response.frames[0]!).map((row) => [
            Number(row.time),
            row.endpoint,
            Number(row.value).toPrecision(9),
            Number(row.score).toPrecision(6),
          ]);
        expect(comparable(onSnowflake)).toEqual(comparable(onClickHouse));
        expect(comparable(onClickHouse).length).toBeGreaterThan(0);
      }
    } finally {
      await fakesnow.stop();
    }
  });
});
