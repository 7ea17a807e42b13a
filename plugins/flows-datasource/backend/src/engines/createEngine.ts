import type { FlowsSettings } from '../handlers/datasourceSettings.ts';
import type { Logger } from '../protocol/logger.ts';
import { ClickHouseEngine } from './clickhouse/clickhouseEngine.ts';
import type { FlowsEngine } from './engine.ts';
import { LazySnowflakeEngine } from './snowflake/lazySnowflakeEngine.ts';

export function createEngine(settings: FlowsSettings, logger: Logger): FlowsEngine {
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
