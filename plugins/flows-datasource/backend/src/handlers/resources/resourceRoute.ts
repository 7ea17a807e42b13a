import { EngineError } from '../../engines/engineError.ts';
import type { DataSourceSettings, ResourceRequest, ResourceResponse } from '../types.ts';
import type { DatasourceInstances } from '../datasourceInstances.ts';

/** One resource of the route table: the method it answers and how. */
export interface ResourceRoute {
  method: 'GET' | 'POST';
  /** Called once the method matched and the request carries datasource settings. */
  answer(
    request: ResourceRequest,
    dataSource: DataSourceSettings,
    instances: DatasourceInstances
  ): Promise<ResourceResponse>;
}

export function jsonResponse(status: number, body: unknown): ResourceResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** An error as the editors show it: the engine's status when it has one, else `fallbackStatus`. */
export function errorResponse(error: unknown, fallbackStatus: number): ResourceResponse {
  const status = error instanceof EngineError ? error.status : fallbackStatus;
  return jsonResponse(status, { error: error instanceof Error ? error.message : String(error) });
}
