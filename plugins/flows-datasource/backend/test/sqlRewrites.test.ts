import { describe, expect, it } from 'vitest';
import { applyAdHocFilters } from '../src/sql/adHocFilters.ts';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import { snowflakeDialect } from '../src/sql/snowflakeDialect.ts';
import { FilterError } from '../src/sql/conditions.ts';
import { BuilderError, compileFlowsQuery } from '../src/sql/flowsBuilder.ts';

const filters = [{ key: 'sourcePodNamespace', operator: '=', value: "it's" }];
const subquery = "(SELECT * FROM flows WHERE sourcePodNamespace = 'it\\'s')";

describe('ad-hoc filters on SQL queries', () => {
  it.each([
    ['SELECT count() FROM flows', `SELECT count() FROM ${subquery} AS flows`],
    ['SELECT count() FROM flows WHERE x = 1', `SELECT count() FROM ${subquery} AS flows WHERE x = 1`],
    ['SELECT count() FROM flows f WHERE f.x = 1', `SELECT count() FROM ${subquery} f WHERE f.x = 1`],
    ['SELECT count() FROM flows AS f', `SELECT count() FROM ${subquery} AS f`],
    [
      'select * from default.flows limit 1',
      "select * from (SELECT * FROM default.flows WHERE sourcePodNamespace = 'it\\'s') AS flows limit 1",
    ],
    ['SELECT 1 FROM flows GROUP BY a', `SELECT 1 FROM ${subquery} AS flows GROUP BY a`],
    ['SELECT $$ -- $$ AS a FROM flows', `SELECT $$ -- $$ AS a FROM ${subquery} AS flows`],
    [
      'SELECT * FROM (SELECT * FROM flows) JOIN flows USING (a)',
      `SELECT * FROM (SELECT * FROM ${subquery} AS flows) JOIN ${subquery} AS flows USING (a)`,
    ],
  ])('%s', (input, output) => {
    expect(applyAdHocFilters(input, filters, clickhouseDialect)).toEqual({ sql: output, applied: true });
  });

  it.each([
    "SELECT 'FROM flows' AS text FROM system.one",
    'SELECT * FROM flows_local',
    'SELECT * FROM myflows',
    'SELECT 1 -- FROM flows',
    'SELECT $$ FROM flows $$ AS text',
  ])('leaves %s alone', (sql) => {
    expect(applyAdHocFilters(sql, filters, clickhouseDialect)).toEqual({ sql, applied: false });
  });

  it('refuses keys that are not flows columns and FINAL/SAMPLE tables', () => {
    expect(() =>
      applyAdHocFilters('SELECT 1 FROM flows', [{ key: 'bogus', operator: '=', value: 'x' }], clickhouseDialect)
    ).toThrow(FilterError);
    expect(() => applyAdHocFilters('SELECT 1 FROM flows FINAL', filters, clickhouseDialect)).toThrow(/FINAL/);
  });
});

describe('Flows builder', () => {
  it('compiles a table question with view, groups, filters, top N and ad-hoc filters', () => {
    const compiled = compileFlowsQuery(
      {
        version: 1,
        view: 'pod-to-pod',
        metric: 'bytes',
        groupBy: ['sourcePod', 'destinationPod'],
        filters: [{ key: 'sourceNamespace', operator: 'in', value: ['bookinfo', 'three-tier'] }],
        topN: 50,
      },
      clickhouseDialect,
      'table',
      [{ key: 'flowType', operator: '!=', value: '3' }]
    );
    expect(compiled.unit).toBe('bytes');
    expect(compiled.sql).toBe(
      [
        "SELECT CASE WHEN sourcePodName = '' THEN sourceIP ELSE sourcePodNamespace || '/' || sourcePodName END AS `sourcePod`, CASE WHEN destinationPodName = '' THEN destinationIP ELSE destinationPodNamespace || '/' || destinationPodName END AS `destinationPod`, sum(octetDeltaCount) AS `bytes`",
        'FROM flows',
        "WHERE $__timeFilter(flowEndSeconds)\n  AND flowType IN (1, 2) AND sourcePodName != '' AND destinationPodName != '' AND destinationServicePortName = ''\n  AND sourcePodNamespace IN ('bookinfo', 'three-tier')\n  AND flowType != 3",
        "GROUP BY CASE WHEN sourcePodName = '' THEN sourceIP ELSE sourcePodNamespace || '/' || sourcePodName END, CASE WHEN destinationPodName = '' THEN destinationIP ELSE destinationPodNamespace || '/' || destinationPodName END",
        // Ties keep one order (the groups), so top N picks the same groups from the raw table and a rollup.
        "ORDER BY `bytes` DESC, CASE WHEN sourcePodName = '' THEN sourceIP ELSE sourcePodNamespace || '/' || sourcePodName END, CASE WHEN destinationPodName = '' THEN destinationIP ELSE destinationPodNamespace || '/' || destinationPodName END",
        'LIMIT 50',
      ].join('\n')
    );
  });

  it('compiles throughput as counters spread over the seconds each record covers, with top N series', () => {
    const compiled = compileFlowsQuery(
      { version: 1, view: 'all', metric: 'throughput', groupBy: ['sourceNamespace'], topN: 5 },
      clickhouseDialect,
      'timeseries'
    );
    expect(compiled.unit).toBe('bps');
    expect(compiled.sql).toBe(
      [
        'SELECT $__spreadTime AS `time`, sourcePodNamespace AS `sourceNamespace`, sum(octetDeltaCount * $__spreadShare) * 8 / $__interval_s AS `throughput`',
        'FROM flows $__spreadJoin',
        'WHERE $__spreadFilter',
        '  AND sourcePodNamespace IN (SELECT sourcePodNamespace FROM flows WHERE $__timeFilter(flowEndSeconds) GROUP BY sourcePodNamespace ORDER BY sum(octetDeltaCount) DESC, sourcePodNamespace LIMIT 5)',
        'GROUP BY $__spreadTime, sourcePodNamespace',
        'ORDER BY `time`',
      ].join('\n')
    );
  });

  it('compiles a whole-range throughput from the part of each record inside the range', () => {
    const compiled = compileFlowsQuery(
      { version: 1, view: 'all', metric: 'reverseThroughput' },
      clickhouseDialect,
      'table'
    );
    expect(compiled.sql).toBe(
      [
        'SELECT sum(reverseOctetDeltaCount * $__rangeShare) * 8 / $__timeRange_s AS `reverseThroughput`',
        'FROM flows',
        'WHERE $__rangeFilter',
        'ORDER BY `reverseThroughput` DESC',
      ].join('\n')
    );
  });

  it('buckets counts and sums by the record end, as before', () => {
    const compiled = compileFlowsQuery({ version: 1, view: 'all', metric: 'bytes' }, clickhouseDialect, 'timeseries');
    expect(compiled.sql).toBe(
      [
        'SELECT $__timeInterval(flowEndSeconds) AS `time`, sum(octetDeltaCount) AS `bytes`',
        'FROM flows',
        'WHERE $__timeFilter(flowEndSeconds)',
        'GROUP BY $__timeInterval(flowEndSeconds)',
        'ORDER BY `time`',
      ].join('\n')
    );
  });

  it('averages flow records per minute of each bucket in a series, of the whole range in a table', () => {
    const flows = { version: 1, view: 'all', metric: 'flowRecordsPerMinute' };
    const series = compileFlowsQuery(flows, clickhouseDialect, 'timeseries').sql;
    expect(series).toContain('count(*) * 60 / $__interval_s AS `flowRecordsPerMinute`');
    expect(series).toContain('GROUP BY $__timeInterval(flowEndSeconds)');
    const table = compileFlowsQuery(flows, clickhouseDialect, 'table').sql;
    expect(table).toContain('count(*) * 60 / $__timeRange_s AS `flowRecordsPerMinute`');
    // Top N ranks by the count itself, which orders the groups as the per-minute values do.
    const top = compileFlowsQuery({ ...flows, groupBy: ['protocol'], topN: 3 }, clickhouseDialect, 'timeseries').sql;
    expect(top).toMatch(/ORDER BY count\(\*\) DESC, protocolIdentifier LIMIT 3\)/);
  });

  it('counts the distinct pods at either end: each record as two rows, one per end, empty names not counted', () => {
    const table = compileFlowsQuery(
      { version: 1, view: 'all', metric: 'pods', groupBy: ['sourceNamespace'], topN: 5 },
      clickhouseDialect,
      'table'
    ).sql;
    expect(table).toContain(
      "SELECT `sourceNamespace`, count(DISTINCT CASE WHEN `item` != '' THEN `item` END) AS `pods`"
    );
    expect(table).toContain(
      "sourcePodNamespace AS `sourceNamespace`, CASE WHEN sourcePodName = '' THEN '' ELSE sourcePodNamespace || '/' || sourcePodName END AS `item`"
    );
    expect(table).toContain('UNION ALL');
    expect(table).toMatch(/GROUP BY `sourceNamespace`\nORDER BY `pods` DESC, `sourceNamespace`\nLIMIT 5$/);
    const series = compileFlowsQuery(
      { version: 1, view: 'all', metric: 'nodes', groupBy: ['protocol'], topN: 2 },
      clickhouseDialect,
      'timeseries'
    ).sql;
    expect(series).toContain(
      'SELECT $__timeInterval(flowEndSeconds) AS `time`, protocolIdentifier AS `protocol`, sourceNodeName AS `item`'
    );
    expect(series).toMatch(
      /WHERE `protocol` IN \(SELECT `protocol` FROM \([\s\S]*\) AS items GROUP BY `protocol` ORDER BY count\(DISTINCT CASE WHEN `item` != '' THEN `item` END\) DESC, `protocol` LIMIT 2\)/
    );
    expect(series).toMatch(/GROUP BY `time`, `protocol`\nORDER BY `time`$/);
  });

  it('counts ended connections among the records that say they ended, open ones as the not ended less those also ended', () => {
    const ended = compileFlowsQuery(
      { version: 1, metric: 'endedConnections', groupBy: ['protocol'] },
      clickhouseDialect,
      'table'
    ).sql;
    expect(ended).toContain('count(DISTINCT sourceIP, sourceTransportPort, destinationIP');
    expect(ended).toContain('WHERE $__timeFilter(flowEndSeconds)\n  AND flowEndReason IN (1, 3)');
    const connection =
      'sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, protocolIdentifier, flowStartSeconds';
    const open = compileFlowsQuery({ version: 1, metric: 'openConnections' }, clickhouseDialect, 'table').sql;
    expect(open).toContain(
      `coalesce(count(DISTINCT CASE WHEN flowEndReason IN (1, 3) THEN NULL ELSE sourceIP END, sourceTransportPort,`
    );
    expect(open).toContain(
      `- coalesce(count(DISTINCT CASE WHEN flowEndReason IN (1, 3) AND (${connection}) IN (SELECT ${connection} FROM flows WHERE $__timeFilter(flowEndSeconds) AND NOT (flowEndReason IN (1, 3))) THEN sourceIP END,`
    );
    expect(open).not.toMatch(/WHERE[^\n]*\n {2}AND flowEndReason/);
    // In a series the lookup is per bucket and group, as the counts are.
    const series = compileFlowsQuery(
      { version: 1, metric: 'openConnections', groupBy: ['protocol'] },
      clickhouseDialect,
      'timeseries'
    ).sql;
    expect(series).toContain(
      `AND ($__timeInterval(flowEndSeconds), protocolIdentifier, ${connection}) IN (SELECT $__timeInterval(flowEndSeconds), protocolIdentifier, ${connection} FROM flows`
    );
    // Snowflake's columns may be NULL, which a tuple IN never matches: all connections less the ended ones.
    const snowflake = compileFlowsQuery({ version: 1, metric: 'openConnections' }, snowflakeDialect, 'table').sql;
    expect(snowflake).toContain(
      `count(DISTINCT ${connection}) - count(DISTINCT CASE WHEN flowEndReason IN (1, 3) THEN sourceIP END, sourceTransportPort,`
    );
    expect(snowflake).not.toContain(') IN (SELECT');
  });

  it('counts connections per start minute and adds them up when nothing is grouped (ClickHouse)', () => {
    const connection =
      'sourceIP, sourceTransportPort, destinationIP, destinationTransportPort, protocolIdentifier, flowStartSeconds';
    const startMinute = 'intDiv(toUInt32(flowStartSeconds), 60)';
    const stopped = compileFlowsQuery({ version: 1, metric: 'endedConnections' }, clickhouseDialect, 'table').sql;
    expect(stopped).toBe(
      [
        'SELECT sum(c) AS `endedConnections`',
        `FROM (SELECT count(DISTINCT ${connection}) AS c FROM flows WHERE $__timeFilter(flowEndSeconds)\n  AND flowEndReason IN (1, 3) GROUP BY ${startMinute}) AS partitions`,
      ].join('\n')
    );
    const series = compileFlowsQuery({ version: 1, metric: 'connections' }, clickhouseDialect, 'timeseries').sql;
    expect(series).toBe(
      [
        'SELECT `time`, sum(c) AS `connections`',
        `FROM (SELECT $__timeInterval(flowEndSeconds) AS \`time\`, count(DISTINCT ${connection}) AS c FROM flows WHERE $__timeFilter(flowEndSeconds) GROUP BY $__timeInterval(flowEndSeconds), ${startMinute}) AS partitions`,
        'GROUP BY `time`',
        'ORDER BY `time`',
      ].join('\n')
    );
    // Groups, open connections and Snowflake keep one count.
    for (const [flows, dialect] of [
      [{ version: 1, metric: 'connections', groupBy: ['protocol'] }, clickhouseDialect],
      [{ version: 1, metric: 'openConnections' }, clickhouseDialect],
      [{ version: 1, metric: 'connections' }, snowflakeDialect],
    ] as const) {
      expect(compileFlowsQuery(flows, dialect, 'table').sql).not.toContain('partitions');
    }
  });

  it.each([
    [{ version: 1, view: 'planet' }, /unknown view "planet"/],
    [{ version: 1, metric: 'joules' }, /unknown metric "joules"/],
    [{ version: 1, groupBy: ['sourcePodz'] }, /unknown group-by field "sourcePodz"/],
    [{ version: 1, topN: 0 }, /top N must be a whole number/],
    [{ version: 1, metric: 'newestRecords', groupBy: ['sourcePod'] }, /newest records lists records one by one/],
    [{ version: 1, filters: [{ key: 'destinationPort', operator: '=', value: '53; DROP' }] }, /holds numbers/],
  ])('rejects %j', (flows, message) => {
    expect(() => compileFlowsQuery(flows, clickhouseDialect, 'table')).toThrow(message);
  });

  it('lists the newest records as a table only', () => {
    expect(() => compileFlowsQuery({ version: 1, metric: 'newestRecords' }, clickhouseDialect, 'timeseries')).toThrow(
      /choose the table format/
    );
  });

  it('lists the newest records on Snowflake too: quoted names, the set of the newest end seconds, N of them', () => {
    const sql = compileFlowsQuery({ version: 1, metric: 'newestRecords', topN: 25 }, snowflakeDialect, 'table').sql;
    expect(sql).toMatch(/^SELECT flowEndSeconds AS "flowEndSeconds",\n {2}sourcePodNamespace AS "sourcePodNamespace"/);
    expect(sql).toContain(
      'AND flowEndSeconds IN (SELECT t FROM (SELECT flowEndSeconds AS t FROM flows WHERE $__timeFilter(flowEndSeconds) ORDER BY flowEndSeconds DESC LIMIT 25) AS newest)'
    );
    expect(sql).toMatch(
      /\nORDER BY flowEndSeconds DESC, sourcePodNamespace, sourcePodName, .*destinationNodeName\nLIMIT 25$/
    );
  });

  it('matches either end of a flow with namespace, pod and node filters', () => {
    const sql = compileFlowsQuery(
      {
        version: 1,
        filters: [
          { key: 'namespace', operator: 'in', value: ['bookinfo'] },
          { key: 'namespace', operator: 'not in', value: ['kube-system', 'flow-visibility'] },
          { key: 'node', operator: '=', value: 'node-1' },
        ],
      },
      clickhouseDialect,
      'table'
    ).sql;
    expect(sql).toContain("(sourcePodNamespace IN ('bookinfo') OR destinationPodNamespace IN ('bookinfo'))");
    expect(sql).toContain(
      "(sourcePodNamespace NOT IN ('kube-system', 'flow-visibility') AND destinationPodNamespace NOT IN ('kube-system', 'flow-visibility'))"
    );
    expect(sql).toContain("(sourceNodeName = 'node-1' OR destinationNodeName = 'node-1')");
  });

  it('throws BuilderError for model mistakes', () => {
    expect(() => compileFlowsQuery({ version: 1, view: 'x' }, clickhouseDialect, 'table')).toThrow(BuilderError);
  });
});
