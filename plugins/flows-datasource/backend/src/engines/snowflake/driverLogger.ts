import type { SnowflakeLogger } from 'snowflake-sdk';
import type { Logger } from '../../logging/logger.ts';

/**
 * snowflake-sdk logs through winston to a snowflake.log file and the console by default; Grafana reads
 * a plugin's stderr as hclog JSON lines. This sends the driver's messages into our logger instead (one
 * JSON line each, secrets scrubbed like every other line), at debug at most: its errors are about
 * queries the user already sees failing.
 */
export function driverLogger(logger: Logger): SnowflakeLogger {
  const fields = { module: 'snowflake-sdk' };
  return {
    error: (message) => logger.debug(message, fields),
    warn: (message) => logger.debug(message, fields),
    info: (message) => logger.trace(message, fields),
    debug: (message) => logger.trace(message, fields),
    trace: (message) => logger.trace(message, fields),
  };
}
