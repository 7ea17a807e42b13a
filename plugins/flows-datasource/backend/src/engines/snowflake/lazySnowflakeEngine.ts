import type { SnowflakeConnectionSettings } from './snowflakeConnection.ts';
import type { TimeRange } from '../../timeRange.ts';
import type { Logger } from '../../logging/logger.ts';
import { snowflakeDialect } from '../../sql/snowflakeDialect.ts';
import type { EngineHealth, FlowsEngine, QueryOptions, QueryResult, TableSchema } from '../engine.ts';

type Settings = SnowflakeConnectionSettings & { queryTimeoutSeconds: number };

/**
 * The Snowflake engine, loaded on first use: snowflake-sdk (with the AWS SDK inside) takes a third of
 * a second and 30 MB to load, which every plugin start — and ClickHouse-only Grafanas — would pay.
 */
export class LazySnowflakeEngine implements FlowsEngine {
  readonly dialect = snowflakeDialect;
  private engine: Promise<FlowsEngine> | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly logger: Logger
  ) {}

  private load(): Promise<FlowsEngine> {
    this.engine ??= import('./snowflakeEngine.ts').then(
      ({ SnowflakeEngine }) => new SnowflakeEngine(this.settings, this.logger)
    );
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

  async close(): Promise<void> {
    if (this.engine) {
      await (await this.engine).close();
    }
  }
}
