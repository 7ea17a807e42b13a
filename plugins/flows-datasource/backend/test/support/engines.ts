import { Session } from 'chdb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseServer, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { ClickHouseEngine, type ClickHouseConnection } from '../../src/engines/clickhouse/clickhouseEngine.ts';
import type { DataSourceSettings } from '../../src/handlers/types.ts';
import { createLogger } from '../../src/logging/logger.ts';

export const quietLogger = createLogger('test', { level: 'error', write: () => undefined });

export function connection(url: string, overrides: Partial<ClickHouseConnection> = {}): ClickHouseConnection {
  return {
    url,
    username: 'default',
    password: '',
    database: 'default',
    tlsSkipVerify: false,
    httpHeaders: {},
    queryTimeoutSeconds: 30,
    ...overrides,
  };
}

/** A ClickHouse datasource at `url` as Grafana sends it, for handler-level tests. */
export function clickhouseDataSource(url: string): DataSourceSettings {
  return {
    uid: 'chdb',
    name: 'chdb',
    updatedMs: 1,
    jsonData: { engine: 'clickhouse', url },
    decryptedSecureJsonData: {},
  };
}

export function engineFor(url: string, overrides: Partial<ClickHouseConnection> = {}): ClickHouseEngine {
  return new ClickHouseEngine(connection(url, overrides), quietLogger);
}

/** chDB (ClickHouse 26.x engine) behind the HTTP fixture, with its data in a temp dir. */
export async function startModernClickHouse(): Promise<{ url: string; session: Session; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-chdb-'));
  const session = new Session(dir);
  const http: ChdbHttpServer = await startChdbHttpServer({ session });
  return {
    url: http.url,
    session,
    close: async () => {
      await http.close();
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's clickhouse-server 18.16 with FlowLens's users (reader and writer) from provisioning. */
export async function startLegacyClickHouse(): Promise<ClickHouseServer> {
  return ClickHouseServer.launch({
    usersDir: join(import.meta.dirname, '../../../../../provisioning/clickhouse/users.d'),
    env: { CLICKHOUSE_READER_PASSWORD: 'reader-secret', CLICKHOUSE_WRITER_PASSWORD: 'writer-secret' },
  });
}

export const neverAborted = new AbortController().signal;
