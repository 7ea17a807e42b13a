import type { IngestServiceOptions } from './index.ts';

export type IngestOptions = IngestServiceOptions;

/** Settings from the environment (compose passes them so); each wrong value is named with what it should be. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): IngestServiceOptions {
  return {
    clickhouse: {
      url: env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123',
      user: env.CLICKHOUSE_USER,
      password: env.CLICKHOUSE_PASSWORD,
      database: env.CLICKHOUSE_DATABASE,
    },
    dataDir: env.FLOWLENS_INGEST_DATA_DIR ?? './flowlens-ingest-data',
    host: env.FLOWLENS_INGEST_HOST ?? '127.0.0.1',
    tcpPort: port(env, 'FLOWLENS_INGEST_TCP_PORT', 7070),
    httpPort: port(env, 'FLOWLENS_INGEST_HTTP_PORT', 7071),
    token: env.FLOWLENS_INGEST_TOKEN || undefined,
    clusterUUID: env.FLOWLENS_INGEST_CLUSTER ?? '',
    maxBufferBytes: mebibytes(env, 'FLOWLENS_INGEST_BUFFER_MB', 1024),
    maxLineBytes: mebibytes(env, 'FLOWLENS_INGEST_MAX_LINE_MB', 1),
    maxBodyBytes: mebibytes(env, 'FLOWLENS_INGEST_MAX_BODY_MB', 16),
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new Error(`${name}=${text} is not a port number (0 to 65535)`);
  }
  return value;
}

function mebibytes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback * 1024 * 1024;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${text} is not a positive number of MiB`);
  return Math.round(value * 1024 * 1024);
}
