/**
 * The SQL a query runs, before and after macro expansion for this datasource's engine, from the
 * backend's `POST resources/compile` (macros are expanded only when a time range is sent).
 */
export interface CompiledSql {
  /** Portable SQL with macros, as the builder writes it: the same for ClickHouse and Snowflake. */
  sql: string;
  /** With macros expanded for this engine and time range, when a time range was sent. */
  expandedSql?: string;
}

export interface CompileRequest {
  query: unknown;
  timeRange?: { from: number; to: number };
  intervalMs?: number;
}
