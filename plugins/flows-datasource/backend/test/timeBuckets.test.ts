import { describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import type { ParsedQuery } from '../src/sql/parsedQuery.ts';
import { snowflakeDialect } from '../src/sql/snowflakeDialect.ts';
import { toSql } from '../src/sql/statementPlan.ts';

// A 20-second interval: what Grafana suggests for a short range on a wide panel; the tests below
// name a 5 s export interval so it stands (with the default 60 s, buckets are a minute at least).
const query = { timeRange: { fromMs: 0, toMs: 3_600_000 }, intervalMs: 20_000 };

const sql = (rawSql: string): ParsedQuery => ({ queryType: 'sql', format: 'timeseries', rawSql, adHocFilters: [] });

describe('the time-bucket width a query groups by (the time field interval of its series)', () => {
  it.each([
    ['$__timeInterval', sql('SELECT $__timeInterval(flowEndSeconds) AS time, count(*) FROM flows GROUP BY time'), 20],
    ["$__timeGroup with '5m'", sql("SELECT $__timeGroup(flowEndSeconds, '5m') AS time, 1 FROM flows"), 300],
    ['the same width twice', sql('SELECT $__timeInterval(a) AS time FROM flows GROUP BY $__timeInterval(a)'), 20],
    [
      'two different widths',
      sql("SELECT $__timeInterval(a) AS time, $__timeGroup(b, '1h') AS hour FROM flows"),
      undefined,
    ],
    ['no bucket at all', sql('SELECT flowEndSeconds AS time, octetDeltaCount FROM flows'), undefined],
  ])('%s', (_, model, seconds) => {
    for (const dialect of [clickhouseDialect, snowflakeDialect]) {
      expect(toSql(model, query, dialect, 5).bucketSeconds).toBe(seconds);
    }
  });

  it('is the interval for a Flows builder time series', () => {
    const model: ParsedQuery = {
      queryType: 'flows',
      format: 'timeseries',
      flows: { version: 1, view: 'all', metric: 'throughput', groupBy: ['sourceNamespace'], topN: 5 },
      adHocFilters: [],
    };
    expect(toSql(model, query, clickhouseDialect, 5).bucketSeconds).toBe(20);
  });

  it('is never finer than the flow export interval, and a whole multiple of it', () => {
    const model = sql('SELECT $__timeInterval(flowEndSeconds) AS time, count(*) FROM flows GROUP BY time');
    expect(toSql(model, query, clickhouseDialect).bucketSeconds).toBe(60);
    expect(toSql(model, query, clickhouseDialect, 15).bucketSeconds).toBe(30);
    expect(toSql(model, { ...query, intervalMs: 200 }, clickhouseDialect, 45).bucketSeconds).toBe(45);
  });
});
