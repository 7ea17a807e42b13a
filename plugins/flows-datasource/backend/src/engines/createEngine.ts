import type { Logger } from '../logging/logger.ts';
import { clickhouseDialect } from '../sql/clickhouseDialect.ts';
import { snowflakeDialect } from '../sql/snowflakeDialect.ts';
import type { ClickHouseConnection } from './clickhouse/clickhouseEngine.ts';
import type { FlowsEngine } from './engine.ts';
import { LazyEngine } from './lazyEngine.ts';
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
      return new LazyEngine(clickhouseDialect, async () => {
        const { ClickHouseEngine } = await import('./clickhouse/clickhouseEngine.ts');
        return new ClickHouseEngine(settings.clickhouse, logger);
      });
    case 'snowflake':
      return new LazyEngine(snowflakeDialect, async () => {
        const { SnowflakeEngine } = await import('./snowflake/snowflakeEngine.ts');
        return new SnowflakeEngine(
          { ...settings.snowflake, queryTimeoutSeconds: settings.queryTimeoutSeconds },
          logger
        );
      });
  }
}
