import { EngineError } from '../engines/engineError.ts';
import type { Frame, FrameNotice } from '../frames/frame.ts';
import { longToWide, TimeSeriesShapeError } from '../frames/longToWide.ts';
import type { Logger } from '../protocol/logger.ts';
import { MacroError, type Dialect, type MacroContext } from '../sql/dialect.ts';
import { bucketIntervalMs, defaultExportIntervalSeconds } from '../sql/flowRates.ts';
import { BuilderError, type CompiledFlowsQuery } from '../sql/flowsBuilder.ts';
import { FilterError, type Filter } from '../sql/conditions.ts';
import { applyAdHocFilters } from '../sql/adHocFilters.ts';
import { expandMacros } from '../sql/macroExpander.ts';
import type { DatasourceInstance, DatasourceInstances } from './datasourceInstances.ts';
import { missingFilterColumn } from './missingFilterColumn.ts';
import { parseQueryModel, QueryModelError, type ParsedQuery, type QueryFormat } from './queryModel.ts';
import type { QueryMetrics } from './queryMetrics.ts';
import { answerRecommendPolicies } from './recommendPolicies.ts';
import { answerServiceMap } from './serviceMap.ts';
import { RecommendOptionsError } from '../recommend/recommendOptions.ts';
import { ServiceMapOptionsError } from '../servicemap/serviceMapOptions.ts';
import type { DataQuery, DataResponse, QueryDataRequest, QueryDataResponse } from './types.ts';

export interface QueryDataDeps {
  instances: DatasourceInstances;
  metrics: QueryMetrics;
  logger: Logger;
  /** Compiles builder queries to SQL for a dialect; provided by sql/flowsBuilder. */
  compileFlows?: (
    flows: Record<string, unknown>,
    dialect: Dialect,
    format: QueryFormat,
    adHocFilters: Filter[]
  ) => CompiledFlowsQuery;
}

/**
 * Answers every query of a request by its refId. Queries run concurrently (within the datasource's
 * limit); one failing query returns its own error and never fails the others.
 */
export async function queryData(request: QueryDataRequest, deps: QueryDataDeps): Promise<QueryDataResponse> {
  const responses: QueryDataResponse = new Map();
  const settings = request.context.dataSource;
  if (!settings) {
    for (const query of request.queries) {
      responses.set(query.refId, {
        frames: [],
        error: 'the request carries no datasource settings',
        status: 400,
        errorSource: 'plugin',
      });
    }
    return responses;
  }
  let instance: DatasourceInstance;
  try {
    instance = deps.instances.get(settings);
  } catch (error) {
    const failure = describeFailure(error);
    for (const query of request.queries) {
      responses.set(query.refId, failure);
    }
    return responses;
  }
  const answers = await Promise.all(request.queries.map((query) => answer(query, instance, request.signal, deps)));
  request.queries.forEach((query, i) => responses.set(query.refId, answers[i]!));
  return responses;
}

async function answer(
  query: DataQuery,
  instance: DatasourceInstance,
  signal: AbortSignal,
  deps: QueryDataDeps
): Promise<DataResponse> {
  const started = performance.now();
  let sql: string | undefined;
  let adHocFilters: Filter[] = [];
  try {
    const model = parseQueryModel(query.json, query.queryType);
    adHocFilters = model.adHocFilters;
    if (model.queryType === 'recommendPolicies') {
      const frames = await answerRecommendPolicies(query, model.recommend, adHocFilters, instance, signal, (text) => {
        sql = text;
      });
      deps.metrics.recordQuery(instance.settings.engine, 'ok', (performance.now() - started) / 1000);
      return { frames };
    }
    if (model.queryType === 'serviceMap') {
      const frames = await answerServiceMap(query, model.serviceMap, adHocFilters, instance, signal, (text) => {
        sql = text;
      });
      deps.metrics.recordQuery(instance.settings.engine, 'ok', (performance.now() - started) / 1000);
      return { frames };
    }
    const compiled = toSql(model, query, instance.engine.dialect, deps, instance.settings.exportIntervalSeconds);
    sql = compiled.sql;
    const statement = sql;
    const result = await instance.limit.run(signal, () =>
      instance.engine.query(statement, {
        timeoutMs: instance.settings.queryTimeoutSeconds * 1000,
        rowLimit: instance.settings.rowLimit,
        signal,
      })
    );
    const fields = compiled.unit
      ? result.fields.map((field) =>
          field.name === compiled.metric ? { ...field, config: { ...field.config, unit: compiled.unit } } : field
        )
      : result.fields;
    let frame: Frame = {
      name: query.refId,
      refId: query.refId,
      fields,
      meta: { executedQueryString: sql, typeVersion: [0, 0] },
    };
    const notices = [...compiled.notices];
    if (result.truncated) {
      notices.push({
        severity: 'warning',
        text: `Showing the first ${instance.settings.rowLimit.toLocaleString('en-US')} rows: the result has more. Narrow the time range, aggregate, or raise the datasource's row limit.`,
      });
    }
    if (notices.length > 0) {
      frame.meta!.notices = notices;
    }
    frame =
      model.format === 'timeseries'
        ? longToWide(frame, compiled.bucketSeconds)
        : { ...frame, meta: { ...frame.meta, preferredVisualisationType: 'table' } };
    deps.metrics.recordQuery(instance.settings.engine, 'ok', (performance.now() - started) / 1000);
    return { frames: [frame] };
  } catch (error) {
    const missingColumn = missingFilterColumn(error, adHocFilters);
    const failure: DataResponse = missingColumn
      ? { frames: [], error: missingColumn, status: 400, errorSource: 'plugin' }
      : describeFailure(error);
    const outcome =
      error instanceof EngineError && (error.kind === 'timeout' || error.kind === 'cancelled') ? error.kind : 'error';
    deps.metrics.recordQuery(instance.settings.engine, outcome, (performance.now() - started) / 1000);
    deps.logger.debug('query failed', { refId: query.refId, error: failure.error });
    // Grafana shows the executed SQL of a failed query in the query inspector; keep it.
    return sql
      ? {
          ...failure,
          frames: [{ refId: query.refId, name: query.refId, fields: [], meta: { executedQueryString: sql } }],
        }
      : failure;
  }
}

interface StatementPlan {
  sql: string;
  unit?: string;
  metric?: string;
  notices: FrameNotice[];
  /** The width of the time buckets the query groups by, when it uses exactly one. */
  bucketSeconds?: number;
}

/**
 * The SQL a query runs: macros expanded, builder compiled, ad-hoc filters applied. Time buckets are
 * never finer than the flow source's export interval (sql/flowRates.ts).
 */
export function toSql(
  model: ParsedQuery,
  query: Pick<DataQuery, 'timeRange' | 'intervalMs'>,
  dialect: Dialect,
  deps: Pick<QueryDataDeps, 'compileFlows'>,
  exportIntervalSeconds = defaultExportIntervalSeconds
): StatementPlan {
  const bucketWidths = new Set<number>();
  const context: MacroContext = {
    timeRange: query.timeRange,
    intervalMs: bucketIntervalMs(query.intervalMs, exportIntervalSeconds),
    exportIntervalSeconds,
    onTimeBucket: (seconds: number) => bucketWidths.add(seconds),
  };
  const soleBucket = () => (bucketWidths.size === 1 ? [...bucketWidths][0] : undefined);
  if (model.queryType === 'sql') {
    const expanded = expandMacros(model.rawSql, dialect, context);
    const filtered = applyAdHocFilters(expanded, model.adHocFilters, dialect);
    const notices: FrameNotice[] =
      model.adHocFilters.length > 0 && !filtered.applied
        ? [{ severity: 'info', text: 'Ad-hoc filters were not applied: this query does not read the flows table.' }]
        : [];
    return { sql: filtered.sql, notices, bucketSeconds: soleBucket() };
  }
  if (model.queryType !== 'flows') {
    throw new QueryModelError(`a ${model.queryType} query has no single SQL statement to show`);
  }
  if (!deps.compileFlows) {
    throw new QueryModelError('this build has no Flows builder; use a SQL query');
  }
  const compiled = deps.compileFlows(model.flows, dialect, model.format, model.adHocFilters);
  const sql = expandMacros(compiled.sql, dialect, context);
  return { ...compiled, sql, notices: [], bucketSeconds: soleBucket() };
}

function describeFailure(error: unknown): DataResponse {
  if (error instanceof EngineError) {
    return { frames: [], error: error.message, status: error.status, errorSource: error.source };
  }
  if (
    error instanceof QueryModelError ||
    error instanceof MacroError ||
    error instanceof TimeSeriesShapeError ||
    error instanceof BuilderError ||
    error instanceof RecommendOptionsError ||
    error instanceof ServiceMapOptionsError ||
    error instanceof FilterError
  ) {
    return { frames: [], error: error.message, status: 400, errorSource: 'plugin' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { frames: [], error: `unexpected error: ${message}`, status: 500, errorSource: 'plugin' };
}
