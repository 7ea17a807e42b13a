import type { DatasourceInstances } from './datasourceInstances.ts';
import type { QueryMetrics } from './queryMetrics.ts';
import { compileResource } from './resources/compileResource.ts';
import { jsonResponse, type ResourceRoute } from './resources/resourceRoute.ts';
import { schemaResource } from './resources/schemaResource.ts';
import { valuesResource } from './resources/valuesResource.ts';
import type { ResourceRequest, ResourceResponse } from './types.ts';

/** The resources the editors call, by path below the datasource's resources URL. */
const routes: Readonly<Record<string, ResourceRoute>> = {
  schema: schemaResource,
  values: valuesResource,
  compile: compileResource,
};

/** Answers a resource call from the route table; unknown paths, wrong methods and missing settings are errors. */
export async function callResource(
  request: ResourceRequest,
  instances: DatasourceInstances,
  metrics: QueryMetrics
): Promise<ResourceResponse> {
  const path = request.path.replace(/^\/+|\/+$/g, '');
  const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
  const response = await answer(path, route, request, instances);
  metrics.recordResourceCall(route ? path : 'other', response.status);
  return response;
}

async function answer(
  path: string,
  route: ResourceRoute | undefined,
  request: ResourceRequest,
  instances: DatasourceInstances
): Promise<ResourceResponse> {
  if (!route) {
    return jsonResponse(404, { error: `no resource "${path}"; available: ${Object.keys(routes).join(', ')}` });
  }
  if (request.method.toUpperCase() !== route.method) {
    return jsonResponse(405, { error: `${path} answers ${route.method} only` });
  }
  if (!request.context.dataSource) {
    return jsonResponse(400, { error: 'the request carries no datasource settings' });
  }
  return route.answer(request, request.context.dataSource, instances);
}
