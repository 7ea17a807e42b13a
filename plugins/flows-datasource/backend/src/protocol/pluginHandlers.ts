import type {
  CheckHealthResult,
  PluginContext,
  QueryDataRequest,
  QueryDataResponse,
  ResourceRequest,
  ResourceResponse,
} from '../handlers/types.ts';

/** What the transport needs from the plugin: plain typed calls, no gRPC types (docs/architecture.md, "Layers"). */
export interface PluginHandlers {
  queryData(request: QueryDataRequest): Promise<QueryDataResponse>;
  checkHealth(context: PluginContext, signal: AbortSignal): Promise<CheckHealthResult>;
  callResource(request: ResourceRequest): Promise<ResourceResponse>;
  collectMetrics(): string;
  /** Called once on GRPCController.Shutdown or SIGTERM, before the process exits. */
  shutdown(): Promise<void>;
}
