import type { FrameField } from '../frames/frame.ts';
import type { TimeRange } from '../timeRange.ts';
import type { Dialect } from '../sql/dialect.ts';
import type { Rollup } from '../sql/rollup.ts';

export interface QueryOptions {
  /** Stop the query on both sides after this long. */
  timeoutMs: number;
  /** Return at most this many rows; `truncated` says whether more existed. */
  rowLimit: number;
  /** Grafana's cancellation of the request. */
  signal: AbortSignal;
}

export interface QueryResult {
  fields: FrameField[];
  rowCount: number;
  truncated: boolean;
}

export interface FlowsTableHealth {
  exists: boolean;
  rowCount?: string;
  /** Newest flowEndSeconds, epoch milliseconds. */
  newestFlowMs?: number;
}

export interface EngineHealth {
  engine: 'ClickHouse' | 'Snowflake';
  version: string;
  /** Where it connected, for the health message; never holds credentials. */
  location: string;
  database: string;
  flows: FlowsTableHealth;
}

export interface TableSchema {
  name: string;
  columns: Array<{ name: string; type: string }>;
}

/**
 * One interface in front of ClickHouse and Snowflake. Nothing here knows gRPC or Grafana's
 * protocol (docs/architecture.md, "Layers"); handlers call it, tests call it directly against real servers.
 */
export interface FlowsEngine {
  readonly dialect: Dialect;
  query(sql: string, options: QueryOptions): Promise<QueryResult>;
  health(signal: AbortSignal): Promise<EngineHealth>;
  schema(signal: AbortSignal): Promise<TableSchema[]>;
  /** Most frequent values of a flows column (within the time range when given), as strings. */
  distinctValues(column: string, limit: number, signal: AbortSignal, timeRange?: TimeRange): Promise<string[]>;
  /** The flows table's rollups the database holds (none when it has none, or the engine has no such thing). */
  rollups?(): Promise<Rollup[]>;
  close(): Promise<void>;
}
