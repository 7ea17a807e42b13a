import { describe, expect, it } from 'vitest';
import { connectionStartMinuteSql } from '@flowlens/flow-schema';
import type { Filter } from '../../src/sql/conditions.ts';
import { clickhouseDialect } from '../../src/sql/clickhouseDialect.ts';
import { rollupColumns, type Rollup } from '../../src/sql/rollup.ts';
import { rolledUpServiceMapSql, serviceMapRollup } from '../../src/servicemap/rolledUpServiceMapSql.ts';
import { defaultServiceMapOptions, type ServiceMapOptions } from '../../src/servicemap/serviceMapOptions.ts';
import { currentRollup } from '../support/rollups.ts';

// Which table a service map reads; dashboards/test/rollupEquivalence.test.ts and
// test/servicemap/rolledUpServiceMap.test.ts prove the answers equal.
const rollup = currentRollup;
const zoom = { timeRange: { fromMs: 1_736_150_417_250, toMs: 1_736_153_104_600 } };
const workload: ServiceMapOptions = { ...defaultServiceMapOptions, groupBy: 'workload' };
const byNamespace: ServiceMapOptions = { ...defaultServiceMapOptions, groupBy: 'namespace' };
const withoutLabels: Rollup = {
  ...rollup,
  columns: new Set([...rollupColumns].filter((column) => !column.endsWith('PodLabels'))),
};

describe('a service map reads the per-minute rollup only where it gives the raw answer', () => {
  it('splits the range one way for the counts and another for the throughput, each with its raw edges', () => {
    const source = serviceMapRollup([rollup], workload, [], zoom)!;
    expect(source.counts).toEqual({
      minutes: { from: 1_736_150_460, to: 1_736_153_100 },
      edges: [
        { from: 1_736_150_417, to: 1_736_150_460 },
        { from: 1_736_153_100, to: 1_736_153_105 },
      ],
    });
    expect(source.rate.minutes).toEqual({ from: 1_736_150_460, to: 1_736_153_100 });
    const sql = rolledUpServiceMapSql(source, workload, clickhouseDialect, []);
    // Bytes, flow records and spread bytes of the whole minutes, in one scan of the rollup.
    expect(sql).toContain(
      'octets AS b, flowRecords AS f, CAST(octetsSpread AS Nullable(Float64)) AS r FROM flows_minutes'
    );
    // The raw records ending in the edges, and those that reach an edge for the throughput.
    expect(sql).toContain(
      'FROM flows WHERE ((flowEndSeconds >= toDateTime(1736150417) AND flowEndSeconds < toDateTime(1736150460)) OR (flowEndSeconds >= toDateTime(1736153100) AND flowEndSeconds < toDateTime(1736153105)))'
    );
    expect(sql).toContain('FROM flows WHERE $__rangeFilter AND (least(');
    // Connections: the 64-bit key hash the raw map counts, per group and start minute, joined by group.
    expect(sql).toContain(
      `${connectionStartMinuteSql} AS p, cityHash64(sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, protocolIdentifier, flowStartSeconds) AS v FROM flows`
    );
    expect(sql).toContain('toUInt32(bitShiftRight(bitXor(h, l), 32)) AS p, l AS v FROM (SELECT cityHash64(');
    expect(sql).toContain('GROUP BY g, p) AS perMinute GROUP BY g\n) AS counted USING g');
    expect(sql).not.toContain('toUInt128');
    expect(sql).toMatch(/\nORDER BY `bytes` DESC, `srcNamespace`, `srcPod`, `srcLabels`/);
  });

  it('keeps each sum to its own minutes where the two splits differ', () => {
    // From 10:00:00.5: the counts start at that second, the throughput's first whole minute is 10:01.
    const source = serviceMapRollup([rollup], byNamespace, [], {
      timeRange: { fromMs: 1_736_150_400_500, toMs: 1_736_154_000_000 },
    })!;
    expect(source.counts.minutes.from).toBe(1_736_150_400);
    expect(source.rate.minutes.from).toBe(1_736_150_460);
    const sql = rolledUpServiceMapSql(source, byNamespace, clickhouseDialect, []);
    expect(sql).toContain(
      'CAST(if(minute >= toDateTime(1736150460) AND minute < toDateTime(1736154000), octetsSpread, 0) AS Nullable(Float64)) AS r'
    );
    expect(sql).toContain('WHERE minute >= toDateTime(1736150400) AND minute < toDateTime(1736154000)');
  });

  it('counts the ids of a rollup made before they held their start minute in one piece', () => {
    const sipHash = { ...rollup, connectionIds: 'sipHash' as const, connectionIdStates: true, uint128: false };
    const sql = rolledUpServiceMapSql(
      serviceMapRollup([sipHash], workload, [], zoom)!,
      workload,
      clickhouseDialect,
      []
    );
    expect(sql).toContain('0 AS p, l AS v FROM (SELECT cityHash64(');
    expect(sql).toContain('ARRAY JOIN finalizeAggregation(connectionCityHashes) AS l\n  ) AS ids');
    expect(sql).not.toContain('connectionSipHashes');
  });

  it('reads a rollup without the pods labels for namespaces and pods, not for workloads', () => {
    expect(serviceMapRollup([withoutLabels], workload, [], zoom)).toBeUndefined();
    expect(serviceMapRollup([withoutLabels], byNamespace, [], zoom)?.rollup).toBe(withoutLabels);
    expect(serviceMapRollup([withoutLabels], { ...workload, groupBy: 'pod' }, [], zoom)?.rollup).toBe(withoutLabels);
    const sql = rolledUpServiceMapSql(
      serviceMapRollup([withoutLabels], byNamespace, [], zoom)!,
      byNamespace,
      clickhouseDialect,
      []
    );
    expect(sql).not.toContain('PodLabels');
  });

  it('takes builder filters on rollup columns, as the builder does', () => {
    const filtered = { ...workload, filters: [{ key: 'namespace', operator: '=', value: 'shop' }] as Filter[] };
    const sql = rolledUpServiceMapSql(serviceMapRollup([rollup], filtered, [], zoom)!, filtered, clickhouseDialect, []);
    expect(sql).toContain("(sourcePodNamespace = 'shop' OR destinationPodNamespace = 'shop')");
  });

  it.each([
    ['a rollup without connection ids', [{ ...rollup, connectionIds: undefined }], [], {}],
    [
      'an ad-hoc filter on a column the rollup lacks',
      [rollup],
      [{ key: 'sourceTransportPort', operator: '=', value: '80' }],
      {},
    ],
    ['a datasource with another export interval', [rollup], [], { exportIntervalSeconds: 30 }],
    ['a range before the rollup covers', [{ ...rollup, coveredFromSeconds: 1_736_153_100 }], [], {}],
  ] as const)('reads the raw flows for %s', (_name, rollups, adHocFilters, settings) => {
    expect(
      serviceMapRollup(rollups, workload, adHocFilters as unknown as Filter[], { ...zoom, ...settings })
    ).toBeUndefined();
  });

  it('reads the raw flows when the range holds no whole minute', () => {
    const minute = { timeRange: { fromMs: 1_736_150_401_000, toMs: 1_736_150_459_000 } };
    expect(serviceMapRollup([rollup], workload, [], minute)).toBeUndefined();
  });
});
