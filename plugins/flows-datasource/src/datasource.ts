import {
  CoreApp,
  getDefaultTimeRange,
  type AdHocVariableFilter,
  type DataFrame,
  type DataQueryRequest,
  type DataSourceApi,
  type DataSourceGetTagValuesOptions,
  type DataSourceInstanceSettings,
  type LegacyMetricFindQueryOptions,
  type MetricFindValue,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { flowsAnnotationSupport } from './annotations/flowsAnnotationSupport';
import { describeBuilderQuery, normalizeBuilderQuery } from './builder/builderQuery';
import type { CompiledSql, CompileRequest } from './query/compiledSql';
import { defaultQuery } from './query/defaultQueries';
import { queryTypeOf } from './query/queryType';
import { toResourceError } from './query/resourceError';
import { describeRecommendQuery, normalizeRecommendQuery, recommendTexts } from './recommend/recommendQuery';
import type { DatabaseSchema } from './schema/flowsSchema';
import { defaultOptions, type Engine, type FlowsDataSourceOptions, type FlowsQuery } from './types';
import { adHocFilterKeys } from './variables/adHocFilters';
import { FlowsVariableSupport } from './variables/flowsVariableSupport';
import { interpolateQuery } from './variables/interpolateQuery';
import { metricFindValues, variableGroupBy } from './variables/metricFindValues';

/** Values offered per ad-hoc filter key or builder filter: enough to pick from, small to send. */
const valueSuggestionLimit = 1000;
const quietly = { showErrorAlert: false };

/** What the @grafana/data we are checked against lets getTagKeys answer. */
type TagKeysAnswer = ReturnType<NonNullable<DataSourceApi['getTagKeys']>>;

/**
 * Every query runs in the backend (so alerting, public dashboards and expressions work); the browser
 * resolves template variables and ad-hoc filters, and asks the backend's resources for the schema,
 * column values and the SQL a builder query compiles to.
 */
export class FlowsDataSource extends DataSourceWithBackend<FlowsQuery, FlowsDataSourceOptions> {
  readonly engine: Engine;
  private schemaRequest?: Promise<DatabaseSchema>;

  constructor(instanceSettings: DataSourceInstanceSettings<FlowsDataSourceOptions>) {
    super(instanceSettings);
    this.engine = instanceSettings.jsonData.engine ?? defaultOptions.engine;
    this.annotations = flowsAnnotationSupport;
    this.variables = new FlowsVariableSupport(this);
  }

  override getDefaultQuery(_app: CoreApp): Partial<FlowsQuery> {
    return defaultQuery;
  }

  override applyTemplateVariables(
    query: FlowsQuery,
    scopedVars: ScopedVars,
    filters?: AdHocVariableFilter[]
  ): FlowsQuery {
    return interpolateQuery(query, {
      templateSrv: getTemplateSrv(),
      engine: this.engine,
      scopedVars,
      adHocFilters: filters,
    });
  }

  /** Hidden queries and a SQL query not written yet are not sent: the backend would only report them empty. */
  override filterQuery(query: FlowsQuery): boolean {
    if (query.hide === true) {
      return false;
    }
    return queryTypeOf(query) !== 'sql' || (query.rawSql ?? '').trim() !== '';
  }

  override getQueryDisplayText(query: FlowsQuery): string {
    switch (queryTypeOf(query)) {
      case 'flows':
        return describeBuilderQuery(normalizeBuilderQuery(query.flows));
      case 'recommendPolicies':
        return describeRecommendQuery(normalizeRecommendQuery(query.recommend));
      case 'detectAnomalies':
        return `Anomalies: ${JSON.stringify(query.detect ?? {})}`;
      case 'serviceMap':
        return `Service map: ${JSON.stringify(query.serviceMap ?? {})}`;
      case 'sql':
        return query.rawSql ?? '';
    }
  }

  /** Alerting asks this to warn that a rule's query depends on dashboard variables. */
  override targetContainsTemplate(query: FlowsQuery): boolean {
    const templateSrv = getTemplateSrv();
    switch (queryTypeOf(query)) {
      case 'flows':
        return normalizeBuilderQuery(query.flows).filters.some((filter) =>
          [filter.value].flat().some((value) => templateSrv.containsTemplate(value))
        );
      case 'recommendPolicies':
        return recommendTexts(normalizeRecommendQuery(query.recommend)).some((text) =>
          templateSrv.containsTemplate(text)
        );
      case 'detectAnomalies':
        return templateSrv.containsTemplate(JSON.stringify(query.detect ?? {}));
      case 'serviceMap':
        return templateSrv.containsTemplate(JSON.stringify(query.serviceMap ?? {}));
      case 'sql':
        return templateSrv.containsTemplate(query.rawSql);
    }
  }

  /**
   * Options of a query variable: the query runs through the backend like any panel query (so its
   * own variables are resolved first); the first column gives values, the second their text.
   */
  override async metricFindQuery(
    query: FlowsQuery | string,
    options?: LegacyMetricFindQueryOptions
  ): Promise<MetricFindValue[]> {
    const target: FlowsQuery =
      typeof query === 'string'
        ? { refId: 'variable', queryType: 'sql', format: 'table', rawSql: query }
        : { ...query, refId: query.refId || 'variable', format: 'table' };
    if (!this.filterQuery(target)) {
      return [];
    }
    const range = options?.range ?? getDefaultTimeRange();
    const request: DataQueryRequest<FlowsQuery> = {
      requestId: `flowlens-variable-${options?.variable?.name ?? target.refId}`,
      app: CoreApp.Dashboard,
      targets: [target],
      range,
      scopedVars: options?.scopedVars ?? {},
      interval: '1m',
      intervalMs: 60_000,
      timezone: 'browser',
      startTime: Date.now(),
    };
    const response = await lastValueFrom(this.query(request));
    const error = response.errors?.[0] ?? response.error;
    if (error) {
      throw new Error(error.message ?? 'the variable query failed');
    }
    return metricFindValues(response.data as DataFrame[], variableGroupBy(target));
  }

  /** Ad-hoc filter keys: the live flows table's columns (not time: the time picker filters time). */
  override getTagKeys(): TagKeysAnswer {
    // Grafana 11.0's types allow only the keys; newer Grafana takes { data, error } and shows the error.
    return adHocFilterKeys(() => this.getSchema()) as unknown as TagKeysAnswer;
  }

  override async getTagValues(options: DataSourceGetTagValuesOptions): Promise<MetricFindValue[]> {
    const values = await this.getColumnValues(options.key, options.timeRange);
    return values.map((value) => ({ text: value, value }));
  }

  /** Tables and columns for autocomplete and filter keys; asked once per datasource, again after a failure. */
  getSchema(): Promise<DatabaseSchema> {
    this.schemaRequest ??= this.getResource<DatabaseSchema>('schema', undefined, quietly).catch((failure) => {
      this.schemaRequest = undefined;
      throw toResourceError(failure, 'could not read the schema');
    });
    return this.schemaRequest;
  }

  /** The most frequent values of a flows column, in the time range when given. */
  async getColumnValues(column: string, range?: TimeRange): Promise<string[]> {
    const params: Record<string, string | number> = { column, limit: valueSuggestionLimit };
    if (range) {
      params.from = range.from.valueOf();
      params.to = range.to.valueOf();
    }
    try {
      return await this.getResource<string[]>('values', params, quietly);
    } catch (failure) {
      throw toResourceError(failure, `could not list values of ${column}`);
    }
  }

  /**
   * The SQL a query runs, from the backend that would run it (so it is exactly what runs): once with
   * macros (the portable text "Edit as SQL" starts from) and, given a time range, once expanded for
   * this engine. The backend answers `{ sql }` to each; neither call touches the database.
   */
  async compile(
    query: FlowsQuery,
    timeRange?: { from: number; to: number },
    intervalMs?: number
  ): Promise<CompiledSql> {
    const request = (body: CompileRequest) =>
      this.postResource<{ sql: string }>('compile', body, quietly).catch((failure) => {
        throw toResourceError(failure, 'could not compile the query');
      });
    const interpolated = this.applyTemplateVariables(query, {});
    const [portable, expanded] = await Promise.all([
      request({ query: interpolated }),
      timeRange ? request({ query: interpolated, timeRange, intervalMs: intervalMs ?? 60_000 }) : undefined,
    ]);
    return expanded ? { sql: portable.sql, expandedSql: expanded.sql } : { sql: portable.sql };
  }

  /** The dashboard's template variable names, for autocomplete and filter values. */
  variableNames(): string[] {
    return getTemplateSrv()
      .getVariables()
      .map((variable) => variable.name);
  }
}
