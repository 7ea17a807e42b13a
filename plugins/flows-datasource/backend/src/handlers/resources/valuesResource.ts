import type { TableSchema } from '../../engines/engine.ts';
import { errorResponse, jsonResponse, type ResourceRoute } from './resourceRoute.ts';

const maxValues = 10_000;
const defaultValues = 100;

/**
 * `GET values?column=<flows column>&limit=<n>[&from=<ms>&to=<ms>]`: a column's most frequent values,
 * for template variables and ad-hoc filters. The column must be one the live flows table has, so
 * nothing from the URL ever reaches SQL except a known identifier.
 */
export const valuesResource: ResourceRoute = {
  method: 'GET',
  async answer(request, dataSource, instances) {
    try {
      const instance = instances.get(dataSource);
      const tables = await instance.engine.schema(request.signal);
      const params = new URL(request.url, 'http://grafana.invalid').searchParams;
      const requested = params.get('column') ?? '';
      const flowsColumns = flowsTable(tables)?.columns.map((c) => c.name) ?? [];
      // Snowflake reports unquoted names in upper case; the editors send the schema's spelling.
      const column = flowsColumns.find((name) => name.toLowerCase() === requested.toLowerCase());
      if (!column) {
        return jsonResponse(400, {
          error: requested ? `"${requested}" is not a column of the flows table` : 'the "column" parameter is missing',
          columns: flowsColumns,
        });
      }
      const limitText = params.get('limit');
      const limit = limitText === null ? defaultValues : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > maxValues) {
        return jsonResponse(400, {
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
      return jsonResponse(200, values);
    } catch (error) {
      return errorResponse(error, 500);
    }
  },
};

function flowsTable(tables: TableSchema[]): TableSchema | undefined {
  // Snowflake reports FLOWS; ClickHouse flows.
  return tables.find((table) => table.name.toLowerCase() === 'flows');
}
