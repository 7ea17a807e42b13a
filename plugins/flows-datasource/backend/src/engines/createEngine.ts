import type { Logger } from '../logging/logger.ts';
import { ClickHouseEngine, type ClickHouseConnection } from './clickhouse/clickhouseEngine.ts';
import type { FlowsEngine } from './engine.ts';
import { LazySnowflakeEngine } from './snowflake/lazySnowflakeEngine.ts';
import type { SnowflakeConnectionSettings } from './snowflake/snowflakeConnection.ts';

/** Which database a datasource reads, and how to reach it. */
export type EngineConnection =
  | { engine: 'clickhouse'; clickhouse: ClickHouseConnection }
  | { engine: 'snowflake'; snowflake: SnowflakeConnectionSettings };

export function createEngine(
  settings: EngineConnection & { queryTimeoutSeconds: number },
  logger: Logger
): FlowsEngine {
  switch (settings.engine) {
    case 'clickhouse':
      return new ClickHouseEngine(settings.clickhouse, logger);
    case 'snowflake':
      return new LazySnowflakeEngine(
        { ...settings.snowflake, queryTimeoutSeconds: settings.queryTimeoutSeconds },
        logger
      );
  }
}
