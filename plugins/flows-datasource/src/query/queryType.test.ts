import { describe, expect, it } from 'vitest';
import { answeredQueryTypes } from '../../backend/src/handlers/queryModel.ts';
import { queryTypeOf, queryTypes } from './queryType';

describe('query types', () => {
  it('are the ones the backend answers, no more and no fewer', () => {
    expect([...queryTypes].sort()).toEqual([...answeredQueryTypes].sort());
  });

  it.each([
    [{ queryType: 'recommendPolicies' as const }, 'recommendPolicies'],
    [{ flows: { version: 1 as const, view: 'all', metric: 'bytes', groupBy: [], filters: [] } }, 'flows'],
    [{ recommend: { version: 1 as const } }, 'recommendPolicies'],
    [{}, 'sql'],
  ])('a saved query %j is %s', (query, type) => {
    expect(queryTypeOf(query)).toBe(type);
  });
});
