import type { Filter } from './conditions.ts';

export type QueryFormat = 'table' | 'timeseries';

/** A dashboard query, validated: raw SQL or a Flows builder question, with its ad-hoc filters. */
export type ParsedQuery =
  | { queryType: 'sql'; format: QueryFormat; rawSql: string; adHocFilters: Filter[] }
  | { queryType: 'flows'; format: QueryFormat; flows: Record<string, unknown>; adHocFilters: Filter[] };
