import type { TableSchema } from '../engines/engine.ts';
import { EngineError } from '../engines/engineError.ts';
import type { Dialect } from '../sql/dialect.ts';
import { compileFlowsQuery } from '../sql/flowsBuilder.ts';
import type { DatasourceInstances } from './datasourceInstances.ts';
import { toSql } from './queryData.ts';
import { parseQueryModel } from './queryModel.ts';
import type { QueryMetrics } from './queryMetrics.ts';
import type { ResourceRequest, ResourceResponse } from './types.ts';

const maxValues = 10_000;
const defaultValues = 100;

/**
 * Resources for the editors: `GET schema` (tables and columns, for autocomplete) and
 * `GET values?column=<flows column>&limit=<n>[&from=<ms>&to=<ms>]` (most frequent values, for
 * template variables and ad-hoc filters). The column must be one of the flows table's columns, so
 * nothing from the URL ever reaches SQL except a known identifier.
 */
export async function callResource(
  request: ResourceRequest,
  instances: DatasourceInstances,
  metrics: QueryMetrics
): Promise<ResourceResponse> {
  const path = request.path.replace(/^\/+|\/+$/g, '');
  const response = await route(path, request, instances);
  metrics.recordResourceCall(['schema', 'values', 'compile'].includes(path) ? path : 'other', response.status);
  return response;
}

async function route(
  path: string,
  request: ResourceRequest,
  instances: DatasourceInstances
): Promise<ResourceResponse> {
  if (path === 'compile') {
    return compile(request, instances);
  }
  if (path !== 'schema' && path !== 'values') {
    return json(404, { error: `no resource "${path}"; available: schema, values, compile` });
  }
  if (request.method.toUpperCase() !== 'GET') {
    return json(405, { error: `${path} answers GET only` });
  }
  if (!request.context.dataSource) {
    return json(400, { error: 'the request carries no datasource settings' });
  }
  try {
    const instance = instances.get(request.context.dataSource);
    const tables = await instance.engine.schema(request.signal);
    if (path === 'schema') {
      return json(200, { tables });
    }
    const params = new URL(request.url, 'http://grafana.invalid').searchParams;
    const requested = params.get('column') ?? '';
    const flowsColumns = flowsTable(tables)?.columns.map((c) => c.name) ?? [];
    // Snowflake reports unquoted names in upper case; the editors send the schema's spelling.
    const column = flowsColumns.find((name) => name.toLowerCase() === requested.toLowerCase());
    if (!column) {
      return json(400, {
        error: requested ? `"${requested}" is not a column of the flows table` : 'the "column" parameter is missing',
        columns: flowsColumns,
      });
    }
    const limitText = params.get('limit');
    const limit = limitText === null ? defaultValues : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxValues) {
      return json(400, {
        error: `"limit" must be a whole number from 1 to ${maxValues}, got ${JSON.stringify(limitText)}`,
      });
    }
    const from = Number(params.get('from'));
    const to = Number(params.get('to'));
    const timeRange =
      params.has('from') && params.has('to') && Number.isFinite(from) && Number.isFinite(to)
        ? { fromMs: from, toMs: to }
        : undefined;
    const values = await instance.engine.distinctValues(column, limit, request.signal, timeRange);
    return json(200, values);
  } catch (error) {
    const status = error instanceof EngineError ? error.status : 500;
    return json(status, { error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * `POST compile` with `{ query, timeRange?: { from, to } (ms), intervalMs? }`: the SQL a query would run,
 * so the query editor can show what the builder does. Without a time range macros stay unexpanded.
 */
async function compile(request: ResourceRequest, instances: DatasourceInstances): Promise<ResourceResponse> {
  if (request.method.toUpperCase() !== 'POST') {
    return json(405, { error: 'compile answers POST only' });
  }
  if (!request.context.dataSource) {
    return json(400, { error: 'the request carries no datasource settings' });
  }
  let body: { query?: unknown; timeRange?: { from?: unknown; to?: unknown }; intervalMs?: unknown };
  try {
    body = JSON.parse(request.body.toString('utf8') || '{}') as typeof body;
  } catch {
    return json(400, { error: 'the body is not JSON; send { "query": <query model> }' });
  }
  try {
    const instance = instances.get(request.context.dataSource);
    const dialect = instance.engine.dialect;
    const model = parseQueryModel(body.query, '');
    const from = Number(body.timeRange?.from);
    const to = Number(body.timeRange?.to);
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      const plan = toSql(model, { timeRange: { fromMs: 0, toMs: 0 }, intervalMs: 0 }, identityMacros(dialect), {
        compileFlows: compileFlowsQuery,
      });
      return json(200, { sql: plan.sql });
    }
    const intervalMs = Number(body.intervalMs ?? 60_000);
    const plan = toSql(
      model,
      { timeRange: { fromMs: from, toMs: to }, intervalMs },
      dialect,
      { compileFlows: compileFlowsQuery },
      instance.settings.exportIntervalSeconds
    );
    return json(200, { sql: plan.sql });
  } catch (error) {
    const status = error instanceof EngineError ? error.status : 400;
    return json(status, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** A dialect whose macros print themselves, for showing a query before a time range is known. */
function identityMacros(dialect: Dialect): Dialect {
  const macros = Object.fromEntries(
    Object.keys(dialect.macros).map((name) => [
      name,
      (args: string[]) => `$__${name}${args.length > 0 ? `(${args.join(', ')})` : ''}`,
    ])
  );
  return { ...dialect, macros };
}

function flowsTable(tables: TableSchema[]): TableSchema | undefined {
  // Snowflake reports FLOWS; ClickHouse flows.
  return tables.find((table) => table.name.toLowerCase() === 'flows');
}

function json(status: number, body: unknown): ResourceResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
