import type { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import { defaultQuery, type FlowsDataSourceOptions, type FlowsQuery } from './types';

/** Every query runs in the backend (so alerting and public dashboards work); the browser only fills variables. */
export class FlowsDataSource extends DataSourceWithBackend<FlowsQuery, FlowsDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<FlowsDataSourceOptions>) {
    super(instanceSettings);
  }

  override getDefaultQuery(): Partial<FlowsQuery> {
    return defaultQuery;
  }

  override applyTemplateVariables(query: FlowsQuery, scopedVars: ScopedVars): FlowsQuery {
    return { ...query, rawSql: query.rawSql ? getTemplateSrv().replace(query.rawSql, scopedVars) : query.rawSql };
  }

  override filterQuery(query: FlowsQuery): boolean {
    return query.hide !== true;
  }
}
