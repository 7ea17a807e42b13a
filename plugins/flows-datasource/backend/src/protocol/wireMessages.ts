import type { DataQuery, DataSourceSettings, PluginContext } from '../handlers/types.ts';

/**
 * pluginv2 messages as protoDefinitions.ts decodes them (.proto field names, int64 as number, bytes as Buffer),
 * and their conversion to the handlers' plain types. A malformed request becomes a WireError,
 * answered with gRPC INVALID_ARGUMENT.
 */
export interface WireDataSourceInstanceSettings {
  id: number;
  name: string;
  uid: string;
  url: string;
  user: string;
  database: string;
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
}

export interface WirePluginContext {
  orgId: number;
  pluginId: string;
  user?: { login: string; role: string } | null;
  dataSourceInstanceSettings?: WireDataSourceInstanceSettings | null;
}

export interface WireDataQuery {
  refId: string;
  maxDataPoints: number;
  intervalMS: number;
  timeRange?: { fromEpochMS: number; toEpochMS: number } | null;
  json: Buffer;
  queryType: string;
}

export class WireError extends Error {}

export function pluginContextFromWire(wire: WirePluginContext | null | undefined): PluginContext {
  if (!wire) {
    throw new WireError('request has no pluginContext');
  }
  const settings = wire.dataSourceInstanceSettings;
  return {
    orgId: wire.orgId,
    pluginId: wire.pluginId,
    user: wire.user ? { login: wire.user.login, role: wire.user.role } : undefined,
    dataSource: settings ? dataSourceFromWire(settings) : undefined,
  };
}

function dataSourceFromWire(wire: WireDataSourceInstanceSettings): DataSourceSettings {
  const jsonData = parseJsonObject(wire.jsonData, 'dataSourceInstanceSettings.jsonData');
  // Grafana's own URL/user/database fields fill in for the jsonData ones when those are empty.
  if (!jsonData.url && wire.url) jsonData.url = wire.url;
  if (!jsonData.username && wire.user) jsonData.username = wire.user;
  if (!jsonData.database && wire.database) jsonData.database = wire.database;
  return {
    uid: wire.uid || String(wire.id),
    name: wire.name,
    updatedMs: wire.lastUpdatedMS,
    jsonData,
    decryptedSecureJsonData: { ...wire.decryptedSecureJsonData },
  };
}

export function dataQueryFromWire(wire: WireDataQuery): DataQuery {
  let json: unknown;
  try {
    json = wire.json.length === 0 ? {} : JSON.parse(wire.json.toString('utf8'));
  } catch {
    // Reported per query by the handler, so the other queries still run.
    json = undefined;
  }
  return {
    refId: wire.refId,
    queryType: wire.queryType,
    maxDataPoints: wire.maxDataPoints,
    intervalMs: wire.intervalMS,
    timeRange: { fromMs: wire.timeRange?.fromEpochMS ?? 0, toMs: wire.timeRange?.toEpochMS ?? 0 },
    json,
  };
}

function parseJsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  if (bytes.length === 0) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new WireError(`${what} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WireError(`${what} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
