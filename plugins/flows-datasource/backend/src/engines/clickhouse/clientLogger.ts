import type { ErrorLogParams, Logger as ClientLogger, LogParams, WarnLogParams } from '@clickhouse/client';
import type { Logger } from '../../logging/logger.ts';

/**
 * @clickhouse/client logs multi-line text to stderr by default; Grafana reads a plugin's stderr as
 * one hclog JSON entry per line. This routes the client's events into our logger instead: one JSON
 * line each, with its level, and secrets scrubbed like every other line. The client constructs the
 * class itself without arguments, hence the closure.
 */
export function clientLoggerClass(logger: Logger): new () => ClientLogger {
  const fields = ({ module, args }: LogParams, err?: Error) => ({
    module,
    ...(args ?? {}),
    ...(err ? { error: err.message } : {}),
  });
  return class implements ClientLogger {
    trace(params: LogParams): void {
      logger.trace(params.message, fields(params));
    }
    debug(params: LogParams): void {
      logger.debug(params.message, fields(params));
    }
    info(params: LogParams): void {
      logger.info(params.message, fields(params));
    }
    warn(params: WarnLogParams): void {
      logger.warn(params.message, fields(params, params.err));
    }
    error(params: ErrorLogParams): void {
      // Query failures reach the user as answers; in the log they are detail, not alarms.
      logger.debug(params.message, fields(params, params.err));
    }
  };
}
