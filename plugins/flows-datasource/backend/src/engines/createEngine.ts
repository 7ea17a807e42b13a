import type { FlowsSettings } from '../handlers/datasourceSettings.ts';
import type { Logger } from '../protocol/logger.ts';
import { ClickHouseEngine } from './clickhouse/clickhouseEngine.ts';
import type { FlowsEngine } from './engine.ts';
import { EngineError } from './engineError.ts';

export function createEngine(settings: FlowsSettings, logger: Logger): FlowsEngine {
  switch (settings.engine) {
    case 'clickhouse':
      return new ClickHouseEngine(settings.clickhouse, logger);
    case 'snowflake':
      throw new EngineError(
        'configuration',
        'the Snowflake engine is not part of this build yet; use engine "clickhouse"'
      );
  }
}
