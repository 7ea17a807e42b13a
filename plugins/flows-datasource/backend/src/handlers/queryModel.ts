import { parseDetectOptions, type DetectOptions } from '../anomalies/detectOptions.ts';
import { parseRecommendOptions, type RecommendOptions } from '../recommend/recommendOptions.ts';
import { parseServiceMapOptions, type ServiceMapOptions } from '../servicemap/serviceMapOptions.ts';
import { FilterError, parseFilters, type Filter } from '../sql/conditions.ts';
import type { ParsedQuery, QueryFormat } from '../sql/parsedQuery.ts';

/**
 * The dashboard query model (docs/architecture.md): `{ refId, queryType: "sql" | "flows", format: "table" |
 * "timeseries", rawSql?, flows? }`. Anything else is a per-query error naming what is wrong.
 */
/** Every query type: a SQL statement (sql, flows) or a computation over one (recommendations, anomalies). */
export type QueryModel =
  | ParsedQuery
  | { queryType: 'recommendPolicies'; format: QueryFormat; recommend: RecommendOptions; adHocFilters: Filter[] }
  | { queryType: 'detectAnomalies'; format: QueryFormat; detect: DetectOptions; adHocFilters: Filter[] }
  | { queryType: 'serviceMap'; format: QueryFormat; serviceMap: ServiceMapOptions; adHocFilters: Filter[] };

/** The query types answered here; the frontend's list (src/query/queryType.ts) is held equal to it. */
export const answeredQueryTypes = ['sql', 'flows', 'recommendPolicies', 'detectAnomalies', 'serviceMap'] as const;

export class QueryModelError extends Error {}

export function parseQueryModel(json: unknown, queryTypeFromRequest: string): QueryModel {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new QueryModelError('the query is not a JSON object');
  }
  const model = json as Record<string, unknown>;
  const queryType = (queryTypeFromRequest || (model.queryType as string | undefined) || 'sql') as string;
  const format = (model.format ?? 'table') as string;
  if (format !== 'table' && format !== 'timeseries') {
    throw new QueryModelError(`unknown format "${format}"; use "table" or "timeseries"`);
  }
  let adHocFilters: Filter[];
  try {
    adHocFilters = parseFilters(model.adHocFilters, 'adHocFilters');
  } catch (error) {
    throw new QueryModelError(error instanceof FilterError ? error.message : String(error));
  }
  if (queryType === 'sql') {
    if (typeof model.rawSql !== 'string' || model.rawSql.trim() === '') {
      throw new QueryModelError(
        'the SQL query is empty: write a query in the SQL editor or switch to the Flows builder'
      );
    }
    return { queryType, format, rawSql: model.rawSql, adHocFilters };
  }
  if (queryType === 'flows') {
    const flows = model.flows;
    if (typeof flows !== 'object' || flows === null) {
      throw new QueryModelError('the Flows builder query is missing its "flows" settings');
    }
    const version = (flows as Record<string, unknown>).version;
    if (version !== 1) {
      throw new QueryModelError(
        `Flows builder query version ${JSON.stringify(version)} is not supported by this plugin version (it reads version 1); update the plugin`
      );
    }
    return { queryType, format, flows: flows as Record<string, unknown>, adHocFilters };
  }
  if (queryType === 'recommendPolicies') {
    return { queryType, format: 'table', recommend: parseRecommendOptions(model.recommend), adHocFilters };
  }
  if (queryType === 'detectAnomalies') {
    return { queryType, format, detect: parseDetectOptions(model.detect), adHocFilters };
  }
  if (queryType === 'serviceMap') {
    return { queryType, format: 'table', serviceMap: parseServiceMapOptions(model.serviceMap), adHocFilters };
  }
  const known = answeredQueryTypes.map((type) => `"${type}"`);
  throw new QueryModelError(
    `unknown queryType "${queryType}"; this datasource answers ${known.slice(0, -1).join(', ')} and ${known.at(-1)}`
  );
}
