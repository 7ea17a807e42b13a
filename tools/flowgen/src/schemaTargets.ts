import type { Session } from 'chdb';
import { ClickHouseHttp, type ClickHouseConnectionOptions } from './clickhouse/http.ts';
import type { SchemaTarget } from './schema.ts';
import type { SnowflakeSession } from './snowflake/session.ts';

/** ClickHouse over HTTP as a schema target; call close() when done. */
export function clickhouseSchemaTarget(options: ClickHouseConnectionOptions): SchemaTarget & { close(): void } {
  const http = new ClickHouseHttp(options);
  return {
    description: `ClickHouse at ${http.description}`,
    serverVersion: () => http.query('SELECT version() FORMAT TabSeparated'),
    execute: async (statement) => {
      await http.query(statement);
    },
    close: () => http.close(),
  };
}

/** An open chDB session as a schema target. */
export function chdbSchemaTarget(session: Session): SchemaTarget {
  return {
    description: `chDB at ${session.path}`,
    serverVersion: async () => (await session.queryAsync('SELECT version()', { format: 'TabSeparated' })).text(),
    execute: async (statement) => {
      await session.queryAsync(statement);
    },
  };
}

/** A Snowflake session as a schema target, for provisioning/snowflake; call close() when done. */
export function snowflakeSchemaTarget(session: SnowflakeSession): SchemaTarget {
  return {
    description: session.description,
    serverVersion: async () => String((await session.execute('SELECT CURRENT_VERSION() AS "v"'))[0]?.v ?? '0'),
    execute: async (statement) => {
      await session.execute(statement);
    },
  };
}
