import { errorResponse, jsonResponse, type ResourceRoute } from './resourceRoute.ts';

/** `GET schema`: the tables and columns the datasource sees, for the SQL editor's autocomplete. */
export const schemaResource: ResourceRoute = {
  method: 'GET',
  async answer(request, dataSource, instances) {
    try {
      const tables = await instances.get(dataSource).engine.schema(request.signal);
      return jsonResponse(200, { tables });
    } catch (error) {
      return errorResponse(error, 500);
    }
  },
};
