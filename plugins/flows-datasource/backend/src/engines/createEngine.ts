import type { Logger } from '../logging/logger.ts';
import { clickhouseDialect } from '../sql/clickhouseDialect.ts';
import { snowflakeDialect } from '../sql/snowflakeDialect.ts';
import type { ClickHouseConnection } from './clickhouse/clickhouseEngine.ts';
import type { FlowsEngine } from './engine.ts';
import { loadClickHouseEngine, loadSnowflakeEngine } from './engineDrivers.ts';
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
      return new LazyEngine(clickhouseDialect, () => loadClickHouseEngine(settings.clickhouse, logger));
    case 'snowflake':
      return new LazyEngine(snowflakeDialect, () =>
        loadSnowflakeEngine({ ...settings.snowflake, queryTimeoutSeconds: settings.queryTimeoutSeconds }, logger)
      );
  }
}
