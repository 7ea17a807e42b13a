import { EngineError } from '../engines/engineError.ts';
import type { Frame } from '../frames/frame.ts';
import { longToWide, TimeSeriesShapeError } from '../frames/longToWide.ts';
import type { Logger } from '../logging/logger.ts';
import { FilterError, type Filter } from '../sql/conditions.ts';
import { MacroError } from '../sql/dialect.ts';
import { BuilderError } from '../sql/flowsBuilder.ts';
import { toSql } from '../sql/statementPlan.ts';
import type { DatasourceInstance, DatasourceInstances } from './datasourceInstances.ts';
import { missingFilterColumn } from './missingFilterColumn.ts';
import { parseQueryModel, QueryModelError } from './queryModel.ts';
import type { QueryMetrics } from './queryMetrics.ts';
import { answerRecommendPolicies } from './recommendPolicies.ts';
import { answerDetectAnomalies } from './detectAnomalies.ts';
import { DetectOptionsError } from '../anomalies/detectOptions.ts';
import { answerServiceMap } from './serviceMap.ts';
import { RecommendOptionsError } from '../recommend/recommendOptions.ts';
import { ServiceMapOptionsError } from '../servicemap/serviceMapOptions.ts';
import type { DataQuery, DataResponse, QueryDataRequest, QueryDataResponse } from './types.ts';
import { usableRollups } from './usableRollups.ts';

export interface QueryDataDeps {
  instances: DatasourceInstances;
  metrics: QueryMetrics;
  logger: Logger;
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
    if (model.queryType === 'detectAnomalies') {
      const frames = await answerDetectAnomalies(
        query,
        model.detect,
        model.format,
        adHocFilters,
        instance,
        signal,
        (text) => {
          sql = text;
        }
      );
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
    const rollups = model.queryType === 'flows' ? await usableRollups(instance) : [];
    const compiled = toSql(model, query, instance.engine.dialect, instance.settings.exportIntervalSeconds, rollups);
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
    error instanceof DetectOptionsError ||
    error instanceof ServiceMapOptionsError ||
    error instanceof FilterError
  ) {
    return { frames: [], error: error.message, status: 400, errorSource: 'plugin' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { frames: [], error: `unexpected error: ${message}`, status: 500, errorSource: 'plugin' };
}
