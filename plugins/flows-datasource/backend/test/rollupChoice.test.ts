import { describe, expect, it } from 'vitest';
import { connectionStartHashSql, connectionStartMinuteSql } from '@flowlens/flow-schema';
import type { Filter } from '../src/sql/conditions.ts';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import type { ParsedQuery, QueryFormat } from '../src/sql/parsedQuery.ts';
import { rollupColumns, type Rollup } from '../src/sql/rollup.ts';
import { snowflakeDialect } from '../src/sql/snowflakeDialect.ts';
import { toSql } from '../src/sql/statementPlan.ts';
import { connectionsRollup, observedConnectionsSql } from '../src/recommend/observedConnections.ts';
import { defaultRecommendOptions } from '../src/recommend/recommendOptions.ts';
import { currentRollup } from './support/rollups.ts';

// Which table a question reads; dashboards/test/rollupEquivalence.test.ts proves the answers equal.
const rollup = currentRollup;
const hour = { timeRange: { fromMs: 1_736_150_400_000, toMs: 1_736_154_000_000 }, intervalMs: 4_000 };

function builder(format: QueryFormat, flows: Record<string, unknown>, adHocFilters: Filter[] = []): ParsedQuery {
  return { queryType: 'flows', format, flows: { version: 1, view: 'all', ...flows }, adHocFilters };
}

const bytesByNamespace = { metric: 'bytes', groupBy: ['sourceNamespace'], topN: 10 };
const throughput = { metric: 'throughput', groupBy: ['destinationService'], topN: 5 };

describe('a Flows builder question reads the per-minute rollup only where it gives the raw answer', () => {
  it.each([
    ['a total per group', builder('table', bytesByNamespace)],
    ['a count series per minute', builder('timeseries', { metric: 'flowRecords', groupBy: ['protocol'] })],
    ['a throughput series', builder('timeseries', throughput)],
    ['a throughput over the range', builder('table', throughput)],
    ['distinct connections', builder('table', { metric: 'connections', groupBy: ['sourcePod'], topN: 10 })],
    ['distinct pods at either end', builder('table', { metric: 'pods' })],
    ['Services', builder('table', { metric: 'services', groupBy: ['sourceNamespace'] })],
    ['ended connections', builder('timeseries', { metric: 'endedConnections' })],
    ['open connections', builder('table', { metric: 'openConnections', groupBy: ['destinationService'] })],
    [
      'a filter on why records ended',
      builder('table', { ...bytesByNamespace, filters: [{ key: 'flowEndReason', operator: '=', value: '2' }] }),
    ],
    ['a series of distinct policies', builder('timeseries', { metric: 'policies', groupBy: ['ruleAction'], topN: 3 })],
    [
      'the newest records, with a pod filter',
      builder('table', { metric: 'newestRecords', filters: [{ key: 'pod', operator: '=', value: 'shop/api-1' }] }),
    ],
    [
      'filters on rollup columns and the replies-only filter',
      builder('table', {
        ...bytesByNamespace,
        filters: [
          { key: 'ingressRuleAction', operator: '=', value: '2' },
          { key: 'reverseOctetDeltaCount', operator: '>', value: '0' },
        ],
      }),
    ],
  ])('%s: the rollup', (_, model) => {
    const plan = toSql(model, hour, clickhouseDialect, 60, [rollup]);
    expect(plan.rollup).toBe('flows_minutes');
    expect(plan.sql).toMatch(/\bFROM flows_minutes\b/);
  });

  it.each([
    [
      'a filter on a column the rollup lacks',
      builder('table', { ...bytesByNamespace, filters: [{ key: 'sourceTransportPort', operator: '=', value: '53' }] }),
      60,
      rollup,
    ],
    [
      'an ad-hoc filter on a column the rollup lacks',
      builder('table', bytesByNamespace, [{ key: 'tcpState', operator: '=', value: 'ESTABLISHED' }]),
      60,
      rollup,
    ],
    [
      'the newest records, with an ad-hoc filter on a column the rollup lacks',
      builder('table', { metric: 'newestRecords' }, [{ key: 'tcpState', operator: '=', value: 'ESTABLISHED' }]),
      60,
      rollup,
    ],
    [
      'the newest records of a range the rollup does not hold',
      builder('table', { metric: 'newestRecords' }),
      60,
      { ...rollup, coveredFromSeconds: 1_736_160_000 },
    ],
    [
      'buckets of 30 s (a 30 s export interval), not whole minutes',
      builder('timeseries', bytesByNamespace),
      30,
      rollup,
    ],
    ['throughput spread with another export interval than the rollup’s', builder('table', throughput), 120, rollup],
    [
      'a range the rollup does not hold yet (made on a table that had records)',
      builder('table', bytesByNamespace),
      60,
      { ...rollup, coveredFromSeconds: 1_736_160_000 },
    ],
    [
      'distinct connections from a rollup made by an earlier 05-flows-rollups.sql (uniqExact states)',
      builder('table', { metric: 'connections', groupBy: ['sourcePod'], topN: 10 }),
      60,
      { ...rollup, connectionIds: undefined },
    ],
  ])('%s: the raw flows', (_, model, exportInterval, available) => {
    const plan = toSql(model, hour, clickhouseDialect, exportInterval, [available]);
    expect(plan.rollup).toBeUndefined();
    expect(plan.sql).not.toMatch(/flows_minutes/);
    expect(plan.sql).toMatch(/\bFROM flows\b/);
  });

  it.each(['services', 'endedConnections', 'openConnections'])(
    '%s: the raw flows, from a rollup made before it kept destinationClusterIP and flowEndReason',
    (metric) => {
      const older: Rollup = {
        ...rollup,
        columns: new Set(
          [...rollupColumns].filter((column) => !['destinationClusterIP', 'flowEndReason'].includes(column))
        ),
      };
      const plan = toSql(builder('table', { metric }), hour, clickhouseDialect, 60, [older]);
      expect(plan.rollup).toBeUndefined();
      expect(plan.sql).toMatch(/\bFROM flows\b/);
      expect(toSql(builder('table', bytesByNamespace), hour, clickhouseDialect, 60, [older]).rollup).toBe(
        'flows_minutes'
      );
    }
  );

  it('still reads byte and record counts from a rollup made by an earlier 05-flows-rollups.sql', () => {
    const plan = toSql(builder('table', bytesByNamespace), hour, clickhouseDialect, 60, [
      { ...rollup, connectionIds: undefined },
    ]);
    expect(plan.rollup).toBe('flows_minutes');
  });

  const connections = builder('table', { metric: 'connections', groupBy: ['sourcePod'], topN: 10 });

  it('counts a connection as one 128-bit integer where the server has UInt128, as the pair of hashes where not', () => {
    const wide = toSql(connections, hour, clickhouseDialect, 60, [rollup]).sql;
    expect(wide).toContain(
      'arrayMap((h, l) -> bitOr(bitShiftLeft(toUInt128(h), 64), toUInt128(l)), connectionStartHashes, connectionCityHashes) AS v'
    );
    expect(wide).toContain(
      `[bitOr(bitShiftLeft(toUInt128(${connectionStartHashSql}), 64), toUInt128(cityHash64(sourceIP`
    );
    const pairs = toSql(connections, hour, clickhouseDialect, 60, [{ ...rollup, uint128: false }]).sql;
    expect(pairs).not.toContain('UInt128');
    expect(pairs).toContain('arrayMap((h, l) -> (h, l), connectionStartHashes, connectionCityHashes)');
    expect(pairs).toContain(`[(${connectionStartHashSql}, cityHash64(sourceIP`);
    // Without groups, split by start minute, the ids are expanded (ARRAY JOIN) to read each one's minute,
    // and within a minute the low half (cityHash64 of the key) tells them apart, on any server.
    for (const uint128 of [true, false]) {
      const split = toSql(builder('table', { metric: 'connections' }), hour, clickhouseDialect, 60, [
        { ...rollup, uint128 },
      ]).sql;
      expect(split).toContain(
        'SELECT l AS v, toUInt32(bitShiftRight(bitXor(h, l), 32)) AS p FROM flows_minutes ARRAY JOIN connectionStartHashes AS h, connectionCityHashes AS l'
      );
      expect(split).toContain(
        `SELECT cityHash64(sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, protocolIdentifier, flowStartSeconds) AS v, ${connectionStartMinuteSql} AS p FROM flows`
      );
      expect(split).not.toMatch(/UInt128|murmurHash3_32/);
    }
  });

  it("counts grouped connections over each rollup row's array of ids, never expanding them", () => {
    const grouped = toSql(connections, hour, clickhouseDialect, 60, [rollup]).sql;
    expect(grouped).toMatch(/^SELECT `sourcePod`, uniqExactArray\(v\) AS `connections`/);
    expect(grouped).not.toContain('ARRAY JOIN');
    // Open connections look each id up (A ∩ E), so they stay one row per id.
    const open = toSql(
      builder('table', { metric: 'openConnections', groupBy: ['protocol'] }),
      hour,
      clickhouseDialect,
      60,
      [rollup]
    ).sql;
    expect(open).toContain('ARRAY JOIN');
    expect(open).not.toContain('uniqExactArray');
  });

  it('reads the ids of a rollup that keeps them as groupArray states (made before 2026-12-08, or on a server before 21.1) through finalizeAggregation', () => {
    const states = { ...rollup, connectionIdStates: true };
    const grouped = toSql(connections, hour, clickhouseDialect, 60, [states]).sql;
    expect(grouped).toContain(
      'finalizeAggregation(connectionStartHashes), finalizeAggregation(connectionCityHashes)) AS v'
    );
    for (const metric of ['connections', 'endedConnections', 'openConnections']) {
      const total = toSql(builder('table', { metric }), hour, clickhouseDialect, 60, [states]).sql;
      expect(total, metric).toContain(
        'ARRAY JOIN finalizeAggregation(connectionStartHashes) AS h, finalizeAggregation(connectionCityHashes) AS l'
      );
      const plain = toSql(builder('table', { metric }), hour, clickhouseDialect, 60, [rollup]).sql;
      expect(plain, metric).toContain('ARRAY JOIN connectionStartHashes AS h, connectionCityHashes AS l');
      expect(plain, metric).not.toContain('finalizeAggregation');
    }
  });

  it('reads the connection ids of a rollup made before they held the start minute as they were made (sipHash64)', () => {
    const sipHash = { ...rollup, connectionIds: 'sipHash' as const, connectionIdStates: true };
    const older = toSql(connections, hour, clickhouseDialect, 60, [sipHash]);
    expect(older.rollup).toBe('flows_minutes');
    expect(older.sql).toContain('finalizeAggregation(connectionSipHashes), finalizeAggregation(connectionCityHashes)');
    expect(older.sql).toContain('toUInt128(sipHash64(sourceIP');
    expect(older.sql).not.toContain('murmurHash3_32');
    const total = toSql(builder('table', { metric: 'endedConnections' }), hour, clickhouseDialect, 60, [sipHash]).sql;
    expect(total).not.toMatch(/ AS p\b/);
  });

  it('splits a count of connections without groups by their start minute, and not one per group', () => {
    const total = toSql(builder('table', { metric: 'endedConnections' }), hour, clickhouseDialect, 60, [rollup]).sql;
    expect(total).toContain('toUInt32(bitShiftRight(bitXor(h, l), 32)) AS p FROM flows_minutes');
    expect(total).toContain(`${connectionStartMinuteSql} AS p FROM flows WHERE`);
    expect(total).toMatch(/^SELECT sum\(c\) AS `endedConnections`\nFROM \(SELECT uniqExact\(v\) AS c FROM \(/);
    expect(total).toContain('GROUP BY p) AS partitions');
    const series = toSql(builder('timeseries', { metric: 'openConnections' }), hour, clickhouseDialect, 60, [rollup]);
    expect(series.sql).toMatch(/^SELECT `time`, sum\(c\) AS `openConnections`/);
    expect(series.sql).toContain('GROUP BY `time`, p) AS partitions');
    // Ids tell connections apart within a start minute, so the ended ones are looked up within theirs.
    expect(series.sql).toContain('(`time`, p, tupleElement(v, 1)) IN (SELECT `time`, p, tupleElement(v, 1) FROM (');
    expect(toSql(connections, hour, clickhouseDialect, 60, [rollup]).sql).not.toMatch(/ AS p\b/);
  });

  it('scales flow records per minute where the rollup and raw parts are combined, as the raw query does', () => {
    const perMinute = { metric: 'flowRecordsPerMinute', groupBy: ['protocol'] };
    const series = toSql(builder('timeseries', perMinute), hour, clickhouseDialect, 60, [rollup]);
    expect(series.rollup).toBe('flows_minutes');
    expect(series.sql).toContain('sum(v) * 60 / 60 AS `flowRecordsPerMinute`');
    const table = toSql(builder('table', perMinute), hour, clickhouseDialect, 60, [rollup]);
    expect(table.sql).toContain('sum(v) * 60 / 3600 AS `flowRecordsPerMinute`');
  });

  it('counts the names at either end as rows of both parts, not partial aggregates', () => {
    const sql = toSql(builder('table', { metric: 'nodes', groupBy: ['protocol'] }), hour, clickhouseDialect, 60, [
      rollup,
    ]).sql;
    expect(sql).toContain('arrayJoin([sourceNodeName, destinationNodeName]) AS v FROM flows_minutes WHERE');
    expect(sql).toContain("uniqExactIf(v, v != '') AS `nodes`");
    expect(sql).not.toMatch(/flows_minutes WHERE [^\n]* GROUP BY/);
  });

  it('counts ended connections over the records that say so, open ones as all less the ended', () => {
    const ended = toSql(builder('table', { metric: 'endedConnections' }), hour, clickhouseDialect, 60, [rollup]).sql;
    expect(ended.match(/flowEndReason IN \(1, 3\)/g)).toHaveLength(2);
    expect(ended).toContain('SELECT sum(c) AS `endedConnections`\nFROM (SELECT uniqExact(v) AS c FROM (');
    const open = toSql(
      builder('table', { metric: 'openConnections', groupBy: ['destinationService'] }),
      hour,
      clickhouseDialect,
      60,
      [rollup]
    ).sql;
    expect(open).toContain(
      'tuple(bitOr(bitShiftLeft(toUInt128(h), 64), toUInt128(l)), toUInt8(flowEndReason IN (1, 3))) AS v'
    );
    expect(open).toContain(
      'uniqExactIf(tupleElement(v, 1), tupleElement(v, 2) = 0) - uniqExactIf(tupleElement(v, 1), tupleElement(v, 2) = 1 AND (`destinationService`, tupleElement(v, 1)) IN (SELECT `destinationService`, tupleElement(v, 1) FROM ('
    );
  });

  it('reads whole minutes from the rollup and the seconds around them from the raw flows', () => {
    const zoom = { timeRange: { fromMs: 1_736_150_437_000, toMs: 1_736_153_990_000 }, intervalMs: 4_000 };
    const plan = toSql(builder('table', bytesByNamespace), zoom, clickhouseDialect, 60, [rollup]);
    expect(plan.sql).toContain('minute >= toDateTime(1736150460)');
    expect(plan.sql).toContain('minute < toDateTime(1736153940)');
    expect(plan.sql).toContain('flowEndSeconds >= toDateTime(1736150437) AND flowEndSeconds < toDateTime(1736150460)');
    expect(plan.sql).toContain('flowEndSeconds >= toDateTime(1736153940) AND flowEndSeconds < toDateTime(1736153991)');
  });

  it('never rewrites raw SQL, and Snowflake has no rollups', () => {
    const sql: ParsedQuery = {
      queryType: 'sql',
      format: 'table',
      rawSql: 'SELECT sum(octetDeltaCount) FROM flows WHERE $__timeFilter(flowEndSeconds)',
      adHocFilters: [],
    };
    expect(toSql(sql, hour, clickhouseDialect, 60, [rollup]).rollup).toBeUndefined();
    expect(toSql(builder('table', bytesByNamespace), hour, snowflakeDialect, 60, [rollup]).rollup).toBeUndefined();
  });
});

describe("a policy recommendation counts its connections from the rollup where it keeps the pods' labels", () => {
  const zoom = { fromMs: 1_736_150_417_250, toMs: 1_736_153_104_600 };

  it('reads whole minutes from the rollup and the seconds around them raw, counting ids per kind and start minute', () => {
    const source = connectionsRollup([rollup], [], zoom);
    expect(source).toEqual({
      rollup,
      minutes: { from: 1_736_150_460, to: 1_736_153_100 },
      edges: [
        { from: 1_736_150_417, to: 1_736_150_460 },
        { from: 1_736_153_100, to: 1_736_153_105 },
      ],
    });
    const sql = observedConnectionsSql(defaultRecommendOptions, clickhouseDialect, [], source);
    const edges =
      '((flowEndSeconds >= toDateTime(1736150417) AND flowEndSeconds < toDateTime(1736150460)) OR (flowEndSeconds >= toDateTime(1736153100) AND flowEndSeconds < toDateTime(1736153105)))';
    const minutes =
      'minute >= toDateTime(1736150460) AND minute < toDateTime(1736153100) AND flowRecords > 0 AND ((ingressNetworkPolicyRuleAction NOT IN (2, 3)';
    // The ids: the raw edges' and the rollup's (expanded, beside nothing but the kind's hash), per start
    // minute; cityHash64 of each connection's key, the number the raw query counts.
    expect(sql).toContain(
      `${connectionStartMinuteSql} AS p, cityHash64(sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, protocolIdentifier, flowStartSeconds) AS v FROM flows WHERE ${edges}`
    );
    expect(sql).toContain('toUInt32(bitShiftRight(bitXor(h, l), 32)) AS p, l AS v FROM (SELECT cityHash64(');
    expect(sql).not.toContain('UInt128');
    expect(sql).toContain(`connectionStartHashes, connectionCityHashes FROM flows_minutes WHERE ${minutes}`);
    expect(sql).toContain(') ARRAY JOIN connectionStartHashes AS h, connectionCityHashes AS l');
    expect(sql).toContain('GROUP BY g, p) AS perMinute GROUP BY g\n) AS counts\nANY INNER JOIN (');
    // The kinds' names and pods, once per rollup row, joined back by their hash.
    expect(sql).toContain('min(sp) AS sp, min(dp) AS dp FROM (');
    expect(sql).toMatch(/\) AS kinds USING g\nORDER BY `connections` DESC, `sourceNamespace`, `sourceLabels`/);
  });

  it.each([
    [
      'a rollup made before it kept labels and the trusted mark',
      [{ ...rollup, columns: new Set(['clusterUUID']) }],
      [],
    ],
    ['a rollup without connection ids', [{ ...rollup, connectionIds: undefined }], []],
    [
      'an ad-hoc filter on a column the rollup lacks',
      [rollup],
      [{ key: 'sourceTransportPort', operator: '=', value: '80' }],
    ],
  ] as const)('reads the raw flows for %s', (_name, rollups, adHocFilters) => {
    const source = connectionsRollup(rollups, adHocFilters as unknown as Filter[], zoom);
    expect(source).toBeUndefined();
    expect(observedConnectionsSql(defaultRecommendOptions, clickhouseDialect, [], source)).toContain(
      'count(DISTINCT cityHash64('
    );
  });

  it('reads the raw flows when the range holds no whole minute', () => {
    expect(connectionsRollup([rollup], [], { fromMs: 1_736_150_401_000, toMs: 1_736_150_459_000 })).toBeUndefined();
  });
});
