import type { Frame } from '../frames/frame.ts';
import type { TimeRange } from '../timeRange.ts';

/**
 * Plain typed requests and responses the handlers work with. The protocol layer converts gRPC
 * messages to and from these, so handlers are tested without a socket (docs/architecture.md).
 */
export interface DataSourceSettings {
  uid: string;
  name: string;
  /** Grafana bumps this whenever the datasource is saved; a change means a new instance. */
  updatedMs: number;
  jsonData: Record<string, unknown>;
  decryptedSecureJsonData: Record<string, string>;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  user?: { login: string; role: string };
  dataSource?: DataSourceSettings;
}

export interface DataQuery {
  refId: string;
  queryType: string;
  maxDataPoints: number;
  intervalMs: number;
  timeRange: TimeRange;
  /** The dashboard's query model as Grafana sent it (already with template variables applied). */
  json: unknown;
}

export interface QueryDataRequest {
  context: PluginContext;
  queries: DataQuery[];
  /** Aborted when Grafana cancels the request (panel closed, dashboard refreshed, timeout). */
  signal: AbortSignal;
}

export interface DataResponse {
  frames: Frame[];
  error?: string;
  /** HTTP-like status Grafana shows: 400 for a bad query, 500 for a failed engine, 504 for a timeout. */
  status?: number;
  /** "plugin" when the query or plugin is at fault, "downstream" when the database is. */
  errorSource?: 'plugin' | 'downstream';
}

export type QueryDataResponse = Map<string, DataResponse>;

export interface CheckHealthResult {
  status: 'ok' | 'error';
  message: string;
  details?: Record<string, unknown>;
}

export interface ResourceRequest {
  context: PluginContext;
  method: string;
  /** Path below the datasource's resources URL, e.g. "schema" or "values". */
  path: string;
  /** Full URL as Grafana received it, including the query string. */
  url: string;
  body: Buffer;
  signal: AbortSignal;
}

export interface ResourceResponse {
  status: number;
  headers?: Record<string, string>;
  body: Buffer | string;
}
