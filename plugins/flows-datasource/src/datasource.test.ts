import { dateTime, type DataQueryRequest } from '@grafana/data';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { flowsDataSource } from './test/datasourceFixture';
import { flowsSchema } from './test/schemaFixture';
import { fakeGrafanaBackend, queryReply, type FakeGrafanaBackend } from './test/fakeGrafanaBackend';
import { fakeTemplateSrv } from '@flowlens/testkit/templateSrv';
import type { FlowsQuery } from './types';
import type { TagKeysResponse } from './variables/adHocFilters';

const range = {
  from: dateTime(1_700_000_000_000),
  to: dateTime(1_700_003_600_000),
  raw: { from: 'now-1h', to: 'now' },
};

let backend: FakeGrafanaBackend;

beforeEach(() => {
  backend = fakeGrafanaBackend();
  setBackendSrv(backend.srv);
  setTemplateSrv(
    fakeTemplateSrv([
      { name: 'namespace', value: ['web', "o'hara"], options: ['web', "o'hara", 'db'], multi: true, includeAll: true },
      { name: 'cluster', value: '$__all', options: ['c1', 'c2'], multi: true, includeAll: true },
    ])
  );
});

function request(targets: FlowsQuery[], filters: DataQueryRequest['filters'] = []): DataQueryRequest<FlowsQuery> {
  return {
    requestId: 'r1',
    app: 'dashboard',
    targets,
    range,
    scopedVars: {},
    interval: '1m',
    intervalMs: 60_000,
    timezone: 'browser',
    startTime: 0,
    filters,
  };
}

/** The queries as they left the browser for Grafana's /api/ds/query. */
function sentQueries(): FlowsQuery[] {
  const query = backend.requests.find((sent) => sent.url.startsWith('/api/ds/query'));
  return (query?.data as { queries: FlowsQuery[] }).queries;
}

describe('queries sent to the backend', () => {
  it('carry interpolated SQL quoted for the engine, the All marker, and the ad-hoc filters', async () => {
    backend.answer(/\/api\/ds\/query/, queryReply('A', { n: [1] }));
    const ds = flowsDataSource({ engine: 'snowflake' });
    const sql =
      'SELECT 1 FROM flows WHERE $__conditionalAll(clusterUUID IN ($cluster), $cluster) AND ns IN ($namespace)';
    await lastValueFrom(
      ds.query(
        request(
          [{ refId: 'A', queryType: 'sql', format: 'table', rawSql: sql }],
          [
            { key: 'sourcePodNamespace', operator: '=', value: 'web' },
            { key: 'flowType', operator: '=|', value: '1', values: ['1', '2'] },
          ]
        )
      )
    );
    const [sent] = sentQueries();
    expect(sent!.rawSql).toBe(
      "SELECT 1 FROM flows WHERE $__conditionalAll(clusterUUID IN ('c1','c2'), '$__all') AND ns IN ('web','o''hara')"
    );
    expect(sent!.adHocFilters).toEqual([
      { key: 'sourcePodNamespace', operator: '=', value: 'web' },
      { key: 'flowType', operator: 'in', value: ['1', '2'] },
    ]);
  });

  it('send builder queries with version 1 and variables resolved to plain values', async () => {
    backend.answer(/\/api\/ds\/query/, queryReply('A', { n: [1] }));
    const ds = flowsDataSource();
    await lastValueFrom(
      ds.query(
        request([
          {
            refId: 'A',
            queryType: 'flows',
            format: 'timeseries',
            flows: {
              view: 'pod-to-pod',
              metric: 'bytes',
              groupBy: ['sourcePod'],
              filters: [
                { key: 'sourceNamespace', operator: '=', value: '$namespace' },
                { key: 'cluster', operator: '=', value: '$cluster' },
              ],
            } as unknown as FlowsQuery['flows'],
          },
        ])
      )
    );
    expect(sentQueries()[0]!.flows).toEqual({
      version: 1,
      view: 'pod-to-pod',
      metric: 'bytes',
      groupBy: ['sourcePod'],
      filters: [{ key: 'sourceNamespace', operator: 'in', value: ['web', "o'hara"] }],
    });
  });

  it('send policy recommendations with lists and choices resolved', async () => {
    backend.answer(/\/api\/ds\/query/, queryReply('A', { n: [1] }));
    await lastValueFrom(
      flowsDataSource().query(
        request([
          {
            refId: 'A',
            queryType: 'recommendPolicies',
            recommend: { version: 1, namespaces: ['$namespace'], clusters: ['$cluster'], allowDns: 'false' },
          },
        ])
      )
    );
    expect(sentQueries()[0]).toMatchObject({
      queryType: 'recommendPolicies',
      recommend: { version: 1, namespaces: ['web', "o'hara"], clusters: [], allowDns: false },
    });
  });

  it('skip hidden queries and SQL not written yet', () => {
    const ds = flowsDataSource();
    expect(ds.filterQuery({ refId: 'A', queryType: 'sql', rawSql: '  ' })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', queryType: 'sql', rawSql: 'SELECT 1', hide: true })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', queryType: 'flows' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', queryType: 'recommendPolicies' })).toBe(true);
    expect(ds.filterQuery({ refId: 'A', queryType: 'serviceMap', serviceMap: { version: 1 } })).toBe(true);
  });

  it('tell alerting when a recommendation depends on dashboard variables', () => {
    const ds = flowsDataSource();
    const recommend = (model: object) => ({
      refId: 'A',
      queryType: 'recommendPolicies' as const,
      recommend: { version: 1 as const, ...model },
    });
    expect(ds.targetContainsTemplate(recommend({ namespaces: ['shop', '$namespace'] }))).toBe(true);
    expect(ds.targetContainsTemplate(recommend({ allowDns: '$namespace' }))).toBe(true);
    expect(ds.targetContainsTemplate(recommend({ namespaces: ['shop'], allowDns: true }))).toBe(false);
  });
});

describe('query variables', () => {
  it('take values from the first column and text from the second', async () => {
    backend.answer(/\/api\/ds\/query/, queryReply('variable', { ns: ['web', 'db', null], label: ['Web', 'DB', 'x'] }));
    const values = await flowsDataSource().metricFindQuery('SELECT ns, label FROM t', { range });
    expect(values).toEqual([
      { value: 'web', text: 'Web' },
      { value: 'db', text: 'DB' },
    ]);
    expect(sentQueries()[0]).toMatchObject({ refId: 'variable', queryType: 'sql', format: 'table' });
  });

  it('report the backend error instead of an empty list', async () => {
    backend.answer(/\/api\/ds\/query/, {
      data: { results: { variable: { error: 'macro $__nope: unknown macro', status: 400 } } },
    });
    await expect(flowsDataSource().metricFindQuery('SELECT $__nope', { range })).rejects.toThrow('unknown macro');
  });

  it('answer through the variable support used by the variable editor', async () => {
    backend.answer(/\/api\/ds\/query/, queryReply('variable', { ns: ['web'] }));
    const ds = flowsDataSource();
    const support = ds.variables as unknown as {
      query: (r: DataQueryRequest<FlowsQuery>) => ReturnType<typeof ds.query>;
    };
    const response = await lastValueFrom(
      support.query(request([{ refId: 'variable', queryType: 'sql', rawSql: 'SELECT ns FROM flows' }]))
    );
    expect(response.data).toEqual([{ value: 'web', text: 'web' }]);
  });
});

describe('ad-hoc filters', () => {
  it('offer the flows columns except time, in their canonical spelling', async () => {
    backend.answer(/resources\/schema$/, {
      data: {
        tables: [
          {
            name: 'FLOWS',
            columns: [
              { name: 'FLOWENDSECONDS', type: 'TIMESTAMP_TZ' },
              { name: 'SOURCEPODNAMESPACE', type: 'TEXT' },
              { name: 'FLOWTYPE', type: 'NUMBER(3,0)' },
            ],
          },
        ],
      },
    });
    const keys = (await flowsDataSource({ engine: 'snowflake' }).getTagKeys()) as TagKeysResponse;
    expect(keys.data.map((key) => key.text)).toEqual(['sourcePodNamespace', 'flowType']);
    expect(keys.error).toBeUndefined();
  });

  it("offer only the live table's columns: none of the newer Antrea ones a table made by Theia lacks", async () => {
    backend.answer(/resources\/schema$/, {
      data: {
        tables: [
          {
            name: 'flows',
            columns: [
              { name: 'sourcePodName', type: 'String' },
              { name: 'egressIP', type: 'String' },
              { name: 'trusted', type: 'UInt8' },
            ],
          },
        ],
      },
    });
    const keys = ((await flowsDataSource().getTagKeys()) as TagKeysResponse).data.map((key) => key.text);
    expect(keys).toEqual(['sourcePodName', 'egressIP', 'trusted']);
  });

  it('offer no keys, and say why, when the schema cannot be read or has no flows table', async () => {
    let calls = 0;
    backend.answer(/resources\/schema$/, () =>
      ++calls === 1
        ? { status: 500, data: { error: 'connection refused' } }
        : { data: { tables: [{ name: 'flows_local', columns: [] }] } }
    );
    const ds = flowsDataSource();
    expect(await ds.getTagKeys()).toEqual({
      data: [],
      error: {
        message: 'No filter keys: could not read the schema: connection refused. Check the datasource (Save & test).',
      },
    });
    expect(await ds.getTagKeys()).toEqual({
      data: [],
      error: { message: "No filter keys: the datasource's database has no flows table (its tables: flows_local)." },
    });
  });

  it('ask the values resource for a column within the time range', async () => {
    backend.answer(/resources\/values$/, { data: ['web', 'db'] });
    const values = await flowsDataSource().getTagValues({ key: 'sourcePodNamespace', filters: [], timeRange: range });
    expect(values).toEqual([
      { text: 'web', value: 'web' },
      { text: 'db', value: 'db' },
    ]);
    expect(backend.requests[0]!.params).toEqual({
      column: 'sourcePodNamespace',
      limit: 1000,
      from: 1_700_000_000_000,
      to: 1_700_003_600_000,
    });
  });
});

describe('schema', () => {
  it('is asked once, and again after a failure', async () => {
    let calls = 0;
    backend.answer(/resources\/schema$/, () =>
      ++calls === 1 ? { status: 502, data: { error: 'down' } } : { data: flowsSchema }
    );
    const ds = flowsDataSource();
    await expect(ds.getSchema()).rejects.toThrow('could not read the schema: down');
    await expect(ds.getSchema()).resolves.toEqual(flowsSchema);
    await ds.getSchema();
    expect(calls).toBe(2);
  });
});

describe('compile', () => {
  it('asks the compile resource for the SQL with macros and, given a time range, expanded', async () => {
    backend.answer(/resources\/compile$/, (sent) => ({
      data: { sql: (sent.data as { timeRange?: unknown }).timeRange ? 'SELECT expanded' : 'SELECT $__macros' },
    }));
    const ds = flowsDataSource();
    const query: FlowsQuery = {
      refId: 'A',
      queryType: 'flows',
      format: 'table',
      flows: {
        version: 1,
        view: 'all',
        metric: 'bytes',
        groupBy: [],
        filters: [{ key: 'sourceNamespace', operator: '=', value: '$namespace' }],
      },
    };
    await expect(ds.compile(query, { from: 1, to: 2 })).resolves.toEqual({
      sql: 'SELECT $__macros',
      expandedSql: 'SELECT expanded',
    });
    expect(backend.requests.map((sent) => [sent.method, sent.data])).toEqual([
      [
        'POST',
        {
          query: expect.objectContaining({
            flows: expect.objectContaining({
              filters: [{ key: 'sourceNamespace', operator: 'in', value: ['web', "o'hara"] }],
            }),
          }),
        },
      ],
      ['POST', expect.objectContaining({ timeRange: { from: 1, to: 2 }, intervalMs: 60_000 })],
    ]);
    await expect(ds.compile(query)).resolves.toEqual({ sql: 'SELECT $__macros' });
  });

  it('says when the backend has no compile resource', async () => {
    await expect(flowsDataSource().compile({ refId: 'A', queryType: 'flows' })).rejects.toMatchObject({
      missing: true,
    });
  });
});

describe('Save & test', () => {
  it("shows the backend's health message, untouched", async () => {
    const message =
      'Connected to ClickHouse 24.8 at http://clickhouse:8123, database default. Table flows has 12 rows.';
    backend.answer(/\/health$/, { data: { status: 'OK', message } });
    await expect(flowsDataSource().testDatasource()).resolves.toEqual({ status: 'success', message });
  });

  it("passes the backend's error message on", async () => {
    const message = 'datasource settings: ClickHouse URL is missing';
    backend.answer(/\/health$/, { status: 400, data: { status: 'ERROR', message } });
    await expect(flowsDataSource().testDatasource()).rejects.toMatchObject({ status: 'error', message });
  });
});

describe('display text', () => {
  it('summarises builder queries in words', () => {
    const text = flowsDataSource().getQueryDisplayText({
      refId: 'A',
      queryType: 'flows',
      flows: { version: 1, view: 'pod-to-pod', metric: 'throughput', groupBy: ['sourcePod'], filters: [], topN: 5 },
    });
    expect(text).toBe('Throughput (bits/s) by Source pod · Pod to pod · top 5');
  });

  it('summarises policy recommendations in words', () => {
    const text = flowsDataSource().getQueryDisplayText({
      refId: 'A',
      queryType: 'recommendPolicies',
      recommend: { version: 1, policyType: 'anp-deny-all', namespaces: ['shop', 'dev'], runType: 'subsequent' },
    });
    expect(text).toBe(
      'Policy recommendation · Antrea, deny all · Per workload · namespaces shop, dev · subsequent run'
    );
  });
});
