import type { Dialect } from '../../sql/dialect.ts';
import { toSql } from '../../sql/statementPlan.ts';
import { parseQueryModel } from '../queryModel.ts';
import { errorResponse, jsonResponse, type ResourceRoute } from './resourceRoute.ts';

/**
 * `POST compile` with `{ query, timeRange?: { from, to } (ms), intervalMs? }`: the SQL a query would run,
 * so the query editor can show what the builder does. Without a time range macros stay unexpanded.
 */
export const compileResource: ResourceRoute = {
  method: 'POST',
  async answer(request, dataSource, instances) {
    let body: { query?: unknown; timeRange?: { from?: unknown; to?: unknown }; intervalMs?: unknown };
    try {
      body = JSON.parse(request.body.toString('utf8') || '{}') as typeof body;
    } catch {
      return jsonResponse(400, { error: 'the body is not JSON; send { "query": <query model> }' });
    }
    try {
      const instance = instances.get(dataSource);
      const dialect = instance.engine.dialect;
      const model = parseQueryModel(body.query, '');
      if (model.queryType !== 'sql' && model.queryType !== 'flows') {
        return jsonResponse(400, {
          error: `a ${model.queryType} query is computed in the backend: it has no single SQL statement to show`,
        });
      }
      const from = Number(body.timeRange?.from);
      const to = Number(body.timeRange?.to);
      if (!Number.isFinite(from) || !Number.isFinite(to)) {
        const plan = toSql(model, { timeRange: { fromMs: 0, toMs: 0 }, intervalMs: 0 }, identityMacros(dialect));
        return jsonResponse(200, { sql: plan.sql });
      }
      const intervalMs = Number(body.intervalMs ?? 60_000);
      const plan = toSql(
        model,
        { timeRange: { fromMs: from, toMs: to }, intervalMs },
        dialect,
        instance.settings.exportIntervalSeconds
      );
      return jsonResponse(200, { sql: plan.sql });
    } catch (error) {
      return errorResponse(error, 400);
    }
  },
};

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
