import type { FlowsQuery } from '../types';

/**
 * Every query type the datasource answers, once: the editor's modes, interpolation and the backend
 * (backend/src/handlers/queryModel.ts, held equal by queryType.test.ts) follow this list.
 */
export const queryTypes = ['sql', 'flows', 'recommendPolicies', 'detectAnomalies', 'serviceMap'] as const;
export type QueryType = (typeof queryTypes)[number];

/**
 * Saved without a queryType, a query with a builder model is a builder query, one with a
 * recommendation model a policy recommendation; anything else is SQL.
 */
export function queryTypeOf(query: Pick<FlowsQuery, 'queryType' | 'flows' | 'recommend'>): QueryType {
  return query.queryType ?? (query.flows ? 'flows' : query.recommend ? 'recommendPolicies' : 'sql');
}
