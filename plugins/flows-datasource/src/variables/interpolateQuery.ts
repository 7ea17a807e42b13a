import type { AdHocVariableFilter, ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { normalizeBuilderQuery } from '../builder/builderQuery';
import { queryTypeOf } from '../query/queryType';
import type { Engine, FlowsQuery } from '../types';
import { toQueryFilters } from './adHocFilters';
import { isAllSelected } from './allSelection';
import { interpolateFilters } from './builderFilterValues';
import { markAllSelections } from './conditionalAll';
import { interpolateDetect } from './detectVariables';
import { interpolateRecommend } from './recommendVariables';
import { sqlVariableFormat } from './sqlVariableFormat';

export interface InterpolationContext {
  templateSrv: TemplateSrv;
  engine: Engine;
  scopedVars?: ScopedVars;
  adHocFilters?: AdHocVariableFilter[];
}

/**
 * The query as the backend must receive it: variables resolved (SQL with dialect quoting; builder
 * filters, the service map's group-by and filters, and the recommendation's settings as plain values),
 * the builder and recommendation models complete with `version: 1`, and the dashboard's ad-hoc
 * filters attached. The shape stays the saved query model, so alerting sees the same JSON.
 */
export function interpolateQuery(query: FlowsQuery, context: InterpolationContext): FlowsQuery {
  const { templateSrv, engine, scopedVars } = context;
  const queryType = queryTypeOf(query);
  const interpolated: FlowsQuery = { ...query, queryType };
  if (query.rawSql !== undefined && queryType === 'sql') {
    const marked = markAllSelections(query.rawSql, (name) => isAllSelected(name, scopedVars, templateSrv));
    interpolated.rawSql = templateSrv.replace(marked, scopedVars, sqlVariableFormat(engine));
  }
  if (queryType === 'flows') {
    const flows = normalizeBuilderQuery(query.flows);
    interpolated.flows = { ...flows, filters: interpolateFilters(flows.filters, { templateSrv, scopedVars }) };
  }
  if (queryType === 'detectAnomalies') {
    interpolated.detect = interpolateDetect(query.detect, { templateSrv, scopedVars });
  }
  if (queryType === 'recommendPolicies') {
    interpolated.recommend = interpolateRecommend(query.recommend, { templateSrv, scopedVars });
  }
  if (queryType === 'serviceMap' && query.serviceMap) {
    const { groupBy, filters } = query.serviceMap;
    interpolated.serviceMap = {
      ...query.serviceMap,
      ...(groupBy !== undefined ? { groupBy: templateSrv.replace(groupBy, scopedVars) } : {}),
      ...(filters ? { filters: interpolateFilters(filters, { templateSrv, scopedVars }) } : {}),
    };
  }
  const adHocFilters = toQueryFilters(context.adHocFilters);
  if (adHocFilters.length > 0) {
    interpolated.adHocFilters = adHocFilters;
  } else {
    delete interpolated.adHocFilters;
  }
  return interpolated;
}
