import { describe, expect, it } from 'vitest';
import { fakeTemplateSrv } from '@flowlens/testkit/templateSrv';
import { interpolateQuery } from './interpolateQuery';

const templateSrv = fakeTemplateSrv([
  {
    name: 'namespace',
    value: ['shop', 'bookinfo'],
    options: ['shop', 'bookinfo', 'dev'],
    multi: true,
    includeAll: true,
  },
  { name: 'allNamespaces', value: '$__all', options: ['shop', 'dev'], multi: true, includeAll: true },
  { name: 'cluster', value: 'c-1' },
  { name: 'policyType', value: 'anp-deny-all' },
  { name: 'granularity', value: '$__all', options: ['workload', 'namespace'], includeAll: true },
  { name: 'allowDns', value: 'false' },
  { name: 'yes', value: 'True' },
  { name: 'limit', value: '5000' },
  { name: 'odd', value: 'maybe' },
]);

const recommend = (model: Record<string, unknown>) =>
  interpolateQuery(
    { refId: 'A', queryType: 'recommendPolicies', recommend: { version: 1, ...model } },
    { templateSrv, engine: 'clickhouse' }
  ).recommend;

describe('interpolateQuery: policy recommendation', () => {
  it('expands multi-value variables into the lists, beside names written out', () => {
    expect(recommend({ namespaces: ['$namespace', 'reports', 'shop'], clusters: ['${cluster}'] })).toEqual({
      version: 1,
      namespaces: ['shop', 'bookinfo', 'reports'],
      clusters: ['c-1'],
    });
  });

  it('reads "All" as no restriction: an empty list', () => {
    expect(
      recommend({ namespaces: ['$allNamespaces'], excludedNamespaces: ['kube-system', '$allNamespaces'] })
    ).toEqual({
      version: 1,
      namespaces: [],
      excludedNamespaces: [],
    });
    expect(recommend({ namespaces: ['$__all'] })!.namespaces).toEqual([]);
  });

  it('turns choices, flags and the flow limit into the words, booleans and numbers the backend reads', () => {
    expect(
      recommend({
        policyType: '$policyType',
        granularity: '$granularity',
        allowDns: '$allowDns',
        toServices: '${yes}',
        dropGeneratedLabels: true,
        flowLimit: '$limit',
        runType: 'subsequent',
      })
    ).toEqual({
      version: 1,
      policyType: 'anp-deny-all',
      allowDns: false,
      toServices: true,
      dropGeneratedLabels: true,
      flowLimit: 5000,
      runType: 'subsequent',
    });
  });

  it('passes on what does not resolve, so the backend names it', () => {
    expect(recommend({ allowDns: '$odd', flowLimit: 'lots', policyType: '$unknown' })).toEqual({
      version: 1,
      allowDns: 'maybe',
      flowLimit: 'lots',
      policyType: '$unknown',
    });
  });

  it('completes a model saved without one, and names the query type', () => {
    const query = interpolateQuery(
      { refId: 'A', recommend: undefined, queryType: 'recommendPolicies' },
      { templateSrv, engine: 'snowflake' }
    );
    expect(query).toEqual({ refId: 'A', queryType: 'recommendPolicies', recommend: { version: 1 } });
  });
});
