import { configFromEnvironment } from './config.ts';
import { startIngest } from './index.ts';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`flowlens-ingest: flow lines and NetworkPolicy audit events into FlowLens's ClickHouse.
Settings come from the environment (tools/ingest/README.md): CLICKHOUSE_URL, CLICKHOUSE_USER,
CLICKHOUSE_PASSWORD, FLOWLENS_INGEST_DATA_DIR, FLOWLENS_INGEST_HOST, FLOWLENS_INGEST_TCP_PORT (7070),
FLOWLENS_INGEST_HTTP_PORT (7071), FLOWLENS_INGEST_TOKEN, FLOWLENS_INGEST_CLUSTER, FLOWLENS_INGEST_BUFFER_MB.
`);
  process.exit(0);
}

async function main(): Promise<void> {
  const options = configFromEnvironment(process.env);
  const service = await startIngest({ ...options, log });
  log(
    `flowlens-ingest: TCP lines on ${options.host}:${service.tcpPort}, HTTP on ${options.host}:${service.httpPort} ` +
      `(${options.token ? 'bearer token required' : 'NO bearer token: set FLOWLENS_INGEST_TOKEN'}), buffer in ${options.dataDir}`
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    log('flowlens-ingest: stopping; what is buffered stays for the next start');
    void service.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log(`flowlens-ingest: ${(error as Error).message}`);
  process.exit(1);
});
