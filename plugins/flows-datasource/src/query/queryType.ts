import type { FlowsQuery, QueryType } from '../types';

/** Saved without a queryType, a query with a builder model is a builder query; anything else is SQL. */
export function queryTypeOf(query: Pick<FlowsQuery, 'queryType' | 'flows'>): QueryType {
  return query.queryType ?? (query.flows ? 'flows' : 'sql');
}
