import { EngineError } from '../engines/engineError.ts';
import type { ClickHouseConnection } from '../engines/clickhouse/clickhouseEngine.ts';
import type { EngineConnection } from '../engines/createEngine.ts';
import type { SnowflakeConnectionSettings } from '../engines/snowflake/snowflakeConnection.ts';
import { defaultExportIntervalSeconds } from '../sql/flowRates.ts';
import type { DataSourceSettings } from './types.ts';

/** One datasource's configuration, validated: the contract of docs/architecture.md "Datasource settings". */
export type FlowsSettings = QuerySettings & EngineConnection;

/** What every query of the datasource shares, whatever the engine. */
export interface QuerySettings {
  queryTimeoutSeconds: number;
  rowLimit: number;
  /**
   * How often the flow source writes a record per open connection: Antrea's Flow Aggregator
   * `activeFlowRecordTimeout`. Time buckets are never finer than this, and rates spread each
   * record over the seconds it covers (sql/flowRates.ts).
   */
  exportIntervalSeconds: number;
  /**
   * Read builder questions from the flows table's rollups when the database has them and they give
   * the same answer (sql/rollupQuery.ts); false reads the raw records always. Default true.
   */
  useRollups: boolean;
}

const defaultQueryTimeoutSeconds = 60;
const defaultRowLimit = 1_000_000;

/** Values that must never be logged or returned; the logger scrubs them. */
export function secretsOf(settings: DataSourceSettings): string[] {
  return Object.values(settings.decryptedSecureJsonData).filter((value) => value.length > 0);
}

export function parseSettings(settings: DataSourceSettings): FlowsSettings {
  const json = settings.jsonData;
  const secure = settings.decryptedSecureJsonData;
  const engine = json.engine ?? 'clickhouse';
  const queryTimeoutSeconds = boundedNumber(
    json.queryTimeoutSeconds,
    'queryTimeoutSeconds',
    defaultQueryTimeoutSeconds,
    1,
    3600
  );
  const rowLimit = boundedNumber(json.rowLimit, 'rowLimit', defaultRowLimit, 1, 100_000_000);
  const exportIntervalSeconds = boundedNumber(
    json.exportIntervalSeconds,
    'exportIntervalSeconds',
    defaultExportIntervalSeconds,
    1,
    3600
  );
  const useRollups = optionalBoolean(json.useRollups, 'useRollups', true);
  const shared = { queryTimeoutSeconds, rowLimit, exportIntervalSeconds, useRollups };
  if (engine === 'clickhouse') {
    return { engine, ...shared, clickhouse: clickhouseConnection(json, secure, queryTimeoutSeconds) };
  }
  if (engine === 'snowflake') {
    return { engine, ...shared, snowflake: snowflakeConnection(json, secure) };
  }
  throw invalid(`engine "${String(engine)}" is not supported; choose "clickhouse" or "snowflake"`);
}

function clickhouseConnection(
  json: Record<string, unknown>,
  secure: Record<string, string>,
  queryTimeoutSeconds: number
): ClickHouseConnection {
  const url = text(json.url, 'url');
  if (!url) {
    throw invalid('ClickHouse URL is missing; set it to the HTTP(S) endpoint, e.g. http://clickhouse:8123');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(`ClickHouse URL "${url}" is not a URL; use e.g. http://clickhouse:8123`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(
      `ClickHouse URL "${url}" must start with http:// or https:// (FlowLens uses the HTTP interface, port 8123 or 8443)`
    );
  }
  if (parsed.username || parsed.password) {
    throw invalid('put the ClickHouse user and password in their own fields, not in the URL');
  }
  const httpHeaders: Record<string, string> = {};
  const headers = Array.isArray(json.httpHeaders)
    ? (json.httpHeaders as Array<{ name?: unknown; value?: unknown }>)
    : [];
  for (const header of headers) {
    const name = typeof header.name === 'string' ? header.name.trim() : '';
    if (!name) {
      continue;
    }
    if (!/^[A-Za-z0-9-]+$/.test(name)) {
      throw invalid(`HTTP header name "${name}" may only hold letters, digits and "-"`);
    }
    // Secret header values (tokens) live in secureJsonData as httpHeaderValue.<name>.
    httpHeaders[name] = secure[`httpHeaderValue.${name}`] ?? (typeof header.value === 'string' ? header.value : '');
  }
  return {
    url: url.replace(/\/+$/, ''),
    username: text(json.username, 'username') || 'default',
    password: secure.password ?? '',
    database: text(json.database, 'database') || 'default',
    tlsSkipVerify: json.tlsSkipVerify === true,
    tlsCACert: secure.tlsCACert || undefined,
    httpHeaders,
    queryTimeoutSeconds,
  };
}

function snowflakeConnection(
  json: Record<string, unknown>,
  secure: Record<string, string>
): SnowflakeConnectionSettings {
  const account = text(json.account, 'account');
  const username = text(json.username, 'username');
  if (!account) {
    throw invalid('Snowflake account is missing; use the account identifier, e.g. myorg-myaccount');
  }
  if (!username) {
    throw invalid('Snowflake username is missing');
  }
  const authType = (json.authType ?? 'password') as string;
  if (authType !== 'password' && authType !== 'keypair' && authType !== 'oauth') {
    throw invalid(`Snowflake authType "${authType}" is not supported; choose password, keypair or oauth`);
  }
  return {
    account,
    username,
    role: text(json.role, 'role') || undefined,
    warehouse: text(json.warehouse, 'warehouse') || undefined,
    database: text(json.database, 'database') || undefined,
    schema: text(json.schema, 'schema') || undefined,
    authType,
    password: secure.password,
    privateKey: secure.privateKey,
    privateKeyPassphrase: secure.privateKeyPassphrase,
    oauthToken: secure.oauthToken,
  };
}

function text(value: unknown, name: string): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value !== 'string') {
    throw invalid(`"${name}" must be text, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

function boundedNumber(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null || value === '') {
    return fallback;
  }
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
    throw invalid(`"${name}" must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return Math.floor(number);
}

function optionalBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value !== 'boolean') {
    throw invalid(`"${name}" must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

function invalid(message: string): EngineError {
  return new EngineError('configuration', `datasource settings: ${message}`);
}
