/**
 * Logs as hclog JSON lines on stderr: go-plugin's client inside Grafana parses these and re-emits
 * them in Grafana's log with the right level. Known secrets are scrubbed from every line, so a
 * password echoed back in a driver's error message never reaches a log.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const levelOrder: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export interface Logger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const secrets = new Set<string>();

/** Registers a value that must never be printed (passwords, private keys, tokens). */
export function registerSecret(value: string | undefined): void {
  // Very short values would scrub ordinary words; they are weak secrets anyway and stay listed in health.
  if (value && value.length >= 4) {
    secrets.add(value);
  }
}

export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (scrubbed.includes(secret)) {
      scrubbed = scrubbed.split(secret).join('[redacted]');
    }
  }
  return scrubbed;
}

export function createLogger(
  module: string,
  options: { level?: LogLevel; write?: (line: string) => void } = {}
): Logger {
  const minimum = levelOrder[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (levelOrder[level] < minimum) {
      return;
    }
    const entry: Record<string, unknown> = {
      '@level': level,
      '@message': message,
      '@module': module,
      '@timestamp': new Date().toISOString(),
    };
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = value instanceof Error ? value.message : value;
    }
    write(`${scrubSecrets(JSON.stringify(entry))}\n`);
  };
  return {
    trace: (message, fields) => log('trace', message, fields),
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** GF_PLUGIN_LOG_LEVEL or FLOWLENS_LOG_LEVEL picks the level; Grafana's default is info. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const wanted = (env.FLOWLENS_LOG_LEVEL ?? env.GF_PLUGIN_LOG_LEVEL ?? 'info').toLowerCase();
  return wanted in levelOrder ? (wanted as LogLevel) : 'info';
}
