import { describe, expect, it } from 'vitest';
import { fakeTemplateSrv } from '@flowlens/testkit/templateSrv';
import { interpolateQuery } from './interpolateQuery';

const templateSrv = fakeTemplateSrv([
  { name: 'ns', value: '$__all', options: ['a', 'b'], multi: true, includeAll: true },
  { name: 'excluded', value: ['kube-system', 'monitoring'], options: ['kube-system', 'monitoring'], multi: true },
  { name: 'groupBy', value: 'namespace', options: ['workload', 'namespace', 'pod'] },
]);

describe('interpolateQuery', () => {
  it('leaves the SQL of a builder query alone and completes its model', () => {
    const query = interpolateQuery(
      { refId: 'A', queryType: 'flows', rawSql: 'SELECT $ns', flows: undefined },
      { templateSrv, engine: 'clickhouse' }
    );
    expect(query.rawSql).toBe('SELECT $ns');
    expect(query.flows).toEqual({ version: 1, view: 'all', metric: 'bytes', groupBy: [], filters: [] });
  });

  it('names the query type the editor shows when a saved query lacks it', () => {
    const builder = interpolateQuery(
      { refId: 'A', flows: { version: 1, view: 'all', metric: 'bytes', groupBy: [], filters: [] } },
      { templateSrv, engine: 'clickhouse' }
    );
    expect(builder.queryType).toBe('flows');
    const sql = interpolateQuery({ refId: 'A', rawSql: 'SELECT 1' }, { templateSrv, engine: 'clickhouse' });
    expect(sql.queryType).toBe('sql');
  });

  it('removes stale ad-hoc filters when the dashboard has none', () => {
    const query = interpolateQuery(
      { refId: 'A', queryType: 'sql', rawSql: 'SELECT 1', adHocFilters: [{ key: 'x', operator: '=', value: '1' }] },
      { templateSrv, engine: 'clickhouse', adHocFilters: [] }
    );
    expect(query).not.toHaveProperty('adHocFilters');
  });

  it('keeps every other field of the saved query', () => {
    const query = interpolateQuery(
      { refId: 'B', queryType: 'sql', format: 'timeseries', rawSql: 'SELECT 1', datasource: { uid: 'x' }, hide: false },
      { templateSrv, engine: 'snowflake' }
    );
    expect(query).toEqual({
      refId: 'B',
      queryType: 'sql',
      format: 'timeseries',
      rawSql: 'SELECT 1',
      datasource: { uid: 'x' },
      hide: false,
    });
  });

  it('resolves the service map group-by and filters as the builder does', () => {
    const query = interpolateQuery(
      {
        refId: 'A',
        queryType: 'serviceMap',
        serviceMap: {
          version: 1,
          groupBy: '$groupBy',
          maxNodes: 100,
          filters: [
            { key: 'namespace', operator: 'in', value: '$ns' },
            { key: 'namespace', operator: 'not in', value: '$excluded' },
          ],
        },
      },
      { templateSrv, engine: 'clickhouse' }
    );
    expect(query.serviceMap).toEqual({
      version: 1,
      groupBy: 'namespace',
      maxNodes: 100,
      // "All" drops the `in` filter; the multi-value one becomes a list.
      filters: [{ key: 'namespace', operator: 'not in', value: ['kube-system', 'monitoring'] }],
    });
  });
});
