import { describe, expect, it } from 'vitest';
import { fakeTemplateSrv } from '@flowlens/testkit/templateSrv';
import { interpolateDetect } from './detectVariables';

const templateSrv = fakeTemplateSrv([
  {
    name: 'namespace',
    value: ['shop', 'bookinfo'],
    options: ['shop', 'bookinfo', 'dev'],
    multi: true,
    includeAll: true,
  },
  { name: 'cluster', value: '$__all', options: ['a', 'b'], multi: true, includeAll: true },
  { name: 'metric', value: 'throughput', options: ['deniedFlows', 'throughput'] },
]);

describe('interpolateDetect', () => {
  it('resolves lists and words, reads All as no restriction, and keeps other settings', () => {
    expect(
      interpolateDetect(
        { version: 1, namespaces: ['$namespace'], clusters: ['$cluster'], metric: '$metric', k: 3, window: '5m' },
        { templateSrv, scopedVars: {} }
      )
    ).toEqual({ version: 1, namespaces: ['shop', 'bookinfo'], clusters: [], metric: 'throughput', k: 3, window: '5m' });
  });

  it('completes a model without a version', () => {
    expect(interpolateDetect(undefined, { templateSrv, scopedVars: {} })).toEqual({ version: 1 });
  });
});
