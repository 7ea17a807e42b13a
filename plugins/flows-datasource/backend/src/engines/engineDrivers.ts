import type { Logger } from '../logging/logger.ts';
import type { ClickHouseConnection } from './clickhouse/clickhouseEngine.ts';
import type { FlowsEngine } from './engine.ts';
import type { SnowflakeConnectionSettings } from './snowflake/snowflakeConnection.ts';

// The engines' first-use imports, in a file of their own rather than in createEngine.ts. The
// flowlens CLI and the benches import createEngine.ts from ES modules under tsx, which evaluates a
// CommonJS-scoped file imported that way from a data: URL, where a relative import() cannot resolve.
// A file reached through require() (as this one is, from createEngine.ts) keeps its own path.
// esbuild still sees the literal import() calls and puts each engine in a chunk of its own.

export async function loadClickHouseEngine(connection: ClickHouseConnection, logger: Logger): Promise<FlowsEngine> {
  const { ClickHouseEngine } = await import('./clickhouse/clickhouseEngine.ts');
  return new ClickHouseEngine(connection, logger);
}

export async function loadSnowflakeEngine(
  settings: SnowflakeConnectionSettings & { queryTimeoutSeconds: number },
  logger: Logger
): Promise<FlowsEngine> {
  const { SnowflakeEngine } = await import('./snowflake/snowflakeEngine.ts');
  return new SnowflakeEngine(settings, logger);
}
