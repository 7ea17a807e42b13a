import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakesnowServer } from '@flowlens/testkit';
import { SnowflakeEngine, type SnowflakeConnection } from '../../src/engines/snowflake/snowflakeEngine.ts';
import type { DataSourceSettings } from '../../src/handlers/types.ts';
import { quietLogger } from './engines.ts';

export const snowflakeDatabase = 'FLOWLENS';
export const snowflakeSchema = 'PUBLIC';
export const flowsSchemaSql = readFileSync(
  join(import.meta.dirname, '../../../../../provisioning/snowflake/01-flows.sql'),
  'utf8'
);

export const policyEventsSchemaSql = readFileSync(
  join(import.meta.dirname, '../../../../../provisioning/snowflake/02-policy-events.sql'),
  'utf8'
);

/** Engine settings for a fakesnow server; `account` is its loopback URL, as for any local emulator. */
export function snowflakeConnection(
  server: FakesnowServer,
  overrides: Partial<SnowflakeConnection> = {}
): SnowflakeConnection {
  return {
    account: server.accessUrl,
    username: 'flowlens',
    authType: 'password',
    password: 'flowlens-secret',
    database: snowflakeDatabase,
    schema: snowflakeSchema,
    warehouse: 'FLOWLENS_WH',
    role: 'FLOWLENS_READER',
    queryTimeoutSeconds: 30,
    ...overrides,
  };
}

export function snowflakeEngine(server: FakesnowServer, overrides: Partial<SnowflakeConnection> = {}): SnowflakeEngine {
  return new SnowflakeEngine(snowflakeConnection(server, overrides), quietLogger);
}

/** The datasource as Grafana would send it, for handler-level tests. */
export function snowflakeDataSource(server: FakesnowServer): DataSourceSettings {
  return {
    uid: 'flowlens-snowflake',
    name: 'FlowLens Snowflake',
    updatedMs: 1,
    jsonData: {
      engine: 'snowflake',
      account: server.accessUrl,
      username: 'flowlens',
      authType: 'password',
      database: snowflakeDatabase,
      schema: snowflakeSchema,
      warehouse: 'FLOWLENS_WH',
    },
    decryptedSecureJsonData: { password: 'flowlens-secret' },
  };
}
