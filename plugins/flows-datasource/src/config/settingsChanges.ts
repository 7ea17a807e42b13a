import type { DataSourceSettings } from '@grafana/data';
import type { Engine, FlowsDataSourceOptions, FlowsSecureJsonData } from '../types';

/**
 * Pure changes to datasource settings, one per user action, so the editor components only wire
 * inputs to them and the rules (secret keys, engine defaults) are tested in one place.
 */
export type FlowsSettings = DataSourceSettings<FlowsDataSourceOptions, FlowsSecureJsonData>;

/** What our docker-compose serves: a new datasource works there without typing anything. */
export const composeDefaults = {
  engine: 'clickhouse',
  url: 'http://clickhouse:8123',
  username: 'flowlens_reader',
  database: 'default',
  queryTimeoutSeconds: 60,
  rowLimit: 1_000_000,
} as const satisfies FlowsDataSourceOptions;

/** Never configured: no engine and nothing to connect to (a datasource just added in the UI). */
export function isNewDatasource(json: FlowsDataSourceOptions | undefined): boolean {
  return json?.engine === undefined && !json?.url && !json?.account;
}

export function withComposeDefaults(options: FlowsSettings): FlowsSettings {
  return { ...options, jsonData: { ...composeDefaults, ...options.jsonData } };
}

export function setJson(options: FlowsSettings, patch: Partial<FlowsDataSourceOptions>): FlowsSettings {
  return { ...options, jsonData: { ...options.jsonData, ...patch } };
}

/**
 * Switching engine keeps shared settings but drops the other engine's defaults that would be wrong:
 * ClickHouse's "default" database and compose user mean nothing to Snowflake.
 */
export function switchEngine(options: FlowsSettings, engine: Engine): FlowsSettings {
  const json: FlowsDataSourceOptions = { ...options.jsonData, engine };
  if (engine === 'snowflake') {
    json.authType ??= 'password';
    if (json.database === composeDefaults.database) {
      delete json.database;
    }
    if (json.username === composeDefaults.username) {
      delete json.username;
    }
  } else if (!json.database) {
    json.database = composeDefaults.database;
  }
  return { ...options, jsonData: json };
}

type SecretKey = keyof FlowsSecureJsonData & string;

export function setSecret(options: FlowsSettings, key: SecretKey, value: string): FlowsSettings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** "Reset" on a saved secret: Grafana clears it when the empty value is saved. */
export function resetSecret(options: FlowsSettings, key: SecretKey): FlowsSettings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

export const headerSecretKey = (name: string) => `httpHeaderValue.${name}` as const;

export function addHeader(options: FlowsSettings): FlowsSettings {
  return setJson(options, { httpHeaders: [...(options.jsonData.httpHeaders ?? []), { name: '', value: '' }] });
}

/**
 * The secret value is stored under the header's name, so renaming moves a value typed in this
 * session; a value saved earlier cannot be read back, so it is cleared and must be typed again.
 */
export function renameHeader(options: FlowsSettings, index: number, name: string): FlowsSettings {
  const headers = [...(options.jsonData.httpHeaders ?? [])];
  const previous = headers[index]!;
  headers[index] = { ...previous, name };
  const typed = options.secureJsonData?.[headerSecretKey(previous.name)];
  const next = forgetHeaderSecret(setJson(options, { httpHeaders: headers }), previous.name);
  return typed ? setSecret(next, headerSecretKey(name), typed) : next;
}

/** Drops a header's secret: unsent if only typed, cleared on save if it was stored. */
function forgetHeaderSecret(options: FlowsSettings, name: string): FlowsSettings {
  const key = headerSecretKey(name);
  const secureJsonData = { ...options.secureJsonData };
  delete secureJsonData[key];
  const next = { ...options, secureJsonData };
  return options.secureJsonFields?.[key] ? resetSecret(next, key) : next;
}

export function setHeaderValue(options: FlowsSettings, index: number, value: string, secret: boolean): FlowsSettings {
  const headers = [...(options.jsonData.httpHeaders ?? [])];
  const header = headers[index]!;
  if (secret) {
    return setSecret(options, headerSecretKey(header.name), value);
  }
  headers[index] = { ...header, value };
  return setJson(options, { httpHeaders: headers });
}

export function removeHeader(options: FlowsSettings, index: number): FlowsSettings {
  const headers = [...(options.jsonData.httpHeaders ?? [])];
  const [removed] = headers.splice(index, 1);
  return forgetHeaderSecret(setJson(options, { httpHeaders: headers }), removed!.name);
}
