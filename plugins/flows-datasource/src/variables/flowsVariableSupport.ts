import {
  CustomVariableSupport,
  type DataQueryRequest,
  type DataQueryResponse,
  type MetricFindValue,
} from '@grafana/data';
import { from, map, type Observable } from 'rxjs';
import type { FlowsDataSource } from '../datasource';
import { VariableQueryEditor } from '../editor/VariableQueryEditor';
import { defaultVariableQuery } from '../query/defaultQueries';
import type { FlowsDataSourceOptions, FlowsQuery } from '../types';

/**
 * Query variables: our own editor (SQL with a column-values shortcut), answered by metricFindQuery so
 * the value/text column rule is the same for the variable editor's preview and dashboards.
 */
export class FlowsVariableSupport extends CustomVariableSupport<
  FlowsDataSource,
  FlowsQuery,
  FlowsQuery,
  FlowsDataSourceOptions
> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: FlowsDataSource) {
    super();
  }

  override getDefaultQuery(): Partial<FlowsQuery> {
    return defaultVariableQuery;
  }

  query(request: DataQueryRequest<FlowsQuery>): Observable<DataQueryResponse> {
    const [target] = request.targets;
    return from(
      target
        ? this.datasource.metricFindQuery(target, { range: request.range, scopedVars: request.scopedVars })
        : Promise.resolve<MetricFindValue[]>([])
    ).pipe(map((data) => ({ data })));
  }
}
