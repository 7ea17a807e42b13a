import type { TimeRange } from '../timeRange.ts';
import type { Dialect } from '../sql/dialect.ts';
import type { Rollup } from '../sql/rollup.ts';
import type { EngineHealth, FlowsEngine, QueryOptions, QueryResult, TableSchema } from './engine.ts';

/**
 * An engine whose driver loads on its first call. Grafana waits for the handshake at every plugin
 * start, and no driver is needed before a datasource is used: snowflake-sdk (with the AWS SDK inside)
 * takes a third of a second and 30 MB, @clickhouse/client with node:https a tenth of that.
 */
export class LazyEngine implements FlowsEngine {
  private engine: Promise<FlowsEngine> | undefined;

  constructor(
    readonly dialect: Dialect,
    private readonly loadEngine: () => Promise<FlowsEngine>
  ) {}

  private load(): Promise<FlowsEngine> {
    this.engine ??= this.loadEngine();
    return this.engine;
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    return (await this.load()).query(sql, options);
  }

  async health(signal: AbortSignal): Promise<EngineHealth> {
    return (await this.load()).health(signal);
  }

  async schema(signal: AbortSignal): Promise<TableSchema[]> {
    return (await this.load()).schema(signal);
  }

  async distinctValues(column: string, limit: number, signal: AbortSignal, timeRange?: TimeRange): Promise<string[]> {
    return (await this.load()).distinctValues(column, limit, signal, timeRange);
  }

  async rollups(): Promise<Rollup[]> {
    return (await (await this.load()).rollups?.()) ?? [];
  }

  async close(): Promise<void> {
    if (this.engine) {
      await (await this.engine).close();
    }
  }
}
