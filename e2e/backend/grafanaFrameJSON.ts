/**
 * What Grafana's server does to a backend plugin's frames before the browser sees them: it reads each
 * Arrow IPC file into a data.Frame and writes it as DataFrameJSON (grafana-plugin-sdk-go's frame JSON
 * codec) in the `/api/ds/query` response. Here apache-arrow reads the same bytes and this module writes
 * the same JSON: schema with simple types and Go type names, values per column, times in epoch
 * milliseconds with the sub-millisecond rest in `nanos`, NaN and ±Inf as null plus `entities`.
 */
import { DataType, type Field, tableFromIPC, type Vector } from 'apache-arrow';
import type { FieldTypeName, FrameJSON, QueryResponseJSON } from '../host/panelSpec.ts';

interface EntityLookup {
  NaN?: number[];
  Inf?: number[];
  NegInf?: number[];
}

interface Column {
  schema: FrameJSON['schema']['fields'][number] & { typeInfo: { frame: string; nullable?: true } };
  values: unknown[];
  entities: EntityLookup | null;
  nanos: number[] | null;
}

/** Grafana's simple type and the Go type its SDK decodes the Arrow type into (FieldType.ItemTypeString). */
function fieldTypes(type: DataType): { type: FieldTypeName; goType: string } {
  if (DataType.isTimestamp(type)) return { type: 'time', goType: 'time.Time' };
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return { type: 'string', goType: 'string' };
  if (DataType.isBool(type)) return { type: 'boolean', goType: 'bool' };
  if (DataType.isInt(type)) return { type: 'number', goType: `${type.isSigned ? 'int' : 'uint'}${type.bitWidth}` };
  if (DataType.isFloat(type)) return { type: 'number', goType: type.precision === 1 ? 'float32' : 'float64' };
  // The SDK cannot read other Arrow types into a frame, so Grafana would fail the whole response.
  throw new Error(`Arrow type ${String(type)} is not one Grafana's SDK reads into a data frame`);
}

function jsonObject(text: string | undefined, what: string): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${what} is not JSON (${String(error)}): ${text}`);
  }
}

const nanosPerUnit = [1_000_000_000n, 1_000_000n, 1_000n, 1n]; // Arrow's TimeUnit: s, ms, µs, ns

/** Epoch nanoseconds of every timestamp in the column (null where null), read from the raw int64 values. */
function timestampNanos(vector: Vector): Array<bigint | null> {
  const perUnit = nanosPerUnit[(vector.type as { unit: number }).unit]!;
  return vector.data.flatMap((chunk) =>
    Array.from({ length: chunk.length }, (_, i) =>
      chunk.getValid(i) ? (chunk.values as BigInt64Array)[i]! * perUnit : null
    )
  );
}

function column(field: Field, vector: Vector): Column {
  const { type, goType } = fieldTypes(field.type);
  const config = jsonObject(field.metadata.get('config'), `config of field "${field.name}"`);
  const labels = jsonObject(field.metadata.get('labels'), `labels of field "${field.name}"`) as
    Record<string, string> | undefined;
  const schema: Column['schema'] = {
    name: field.name,
    type,
    typeInfo: { frame: goType, ...(field.nullable ? { nullable: true as const } : {}) },
    ...(labels ? { labels } : {}),
    ...(config ? { config } : {}),
  };
  const values: unknown[] = new Array(vector.length);
  const entities: EntityLookup = {};
  const nanos: number[] = new Array(vector.length).fill(0);
  let hasNanos = false;
  const times = type === 'time' ? timestampNanos(vector) : undefined;
  for (let row = 0; row < vector.length; row++) {
    if (times) {
      const ns = times[row];
      values[row] = ns === null || ns === undefined ? null : Number(ns / 1_000_000n);
      nanos[row] = ns === null || ns === undefined ? 0 : Number(ns % 1_000_000n);
      hasNanos ||= nanos[row] !== 0;
      continue;
    }
    if (!vector.isValid(row)) {
      values[row] = null;
      continue;
    }
    const value: unknown = vector.get(row);
    if (typeof value === 'bigint') {
      // Go writes 64-bit integers as JSON numbers; the browser's JSON.parse reads them as doubles.
      values[row] = Number(value);
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      const entity = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : 'NegInf';
      (entities[entity] ??= []).push(row);
      values[row] = null;
    } else {
      values[row] = value;
    }
  }
  return {
    schema,
    values,
    entities: Object.keys(entities).length > 0 ? entities : null,
    nanos: hasNanos ? nanos : null,
  };
}

/** One Arrow IPC file, as the plugin sends it in QueryData, to the DataFrameJSON Grafana's server writes. */
export function frameJSONFromArrow(bytes: Uint8Array): FrameJSON {
  const table = tableFromIPC(bytes);
  const metadata = table.schema.metadata;
  const columns = table.schema.fields.map((field, index) => column(field, table.getChildAt(index)!));
  const entities = columns.map((c) => c.entities);
  const nanos = columns.map((c) => c.nanos);
  const name = metadata.get('name');
  const refId = metadata.get('refId');
  const meta = jsonObject(metadata.get('meta'), 'frame meta');
  return {
    schema: {
      ...(name ? { name } : {}),
      ...(refId ? { refId } : {}),
      ...(meta ? { meta } : {}),
      fields: columns.map((c) => c.schema),
    },
    data: {
      values: columns.map((c) => c.values),
      ...(entities.some(Boolean) ? { entities } : {}),
      ...(nanos.some(Boolean) ? { nanos } : {}),
    },
  };
}

/** A QueryData response's entry for one refId, as the plugin protocol carries it. */
export interface WireResult {
  frames: Uint8Array[];
  error: string;
  status: number;
  errorSource: string;
}

/** A whole QueryData response as `/api/ds/query` returns it to the browser. */
export function queryResponseJSON(responses: Record<string, WireResult>): QueryResponseJSON {
  const results: QueryResponseJSON['results'] = {};
  for (const [refId, response] of Object.entries(responses)) {
    results[refId] = {
      // The plugin leaves status 0 when all went well; Grafana reports that as 200.
      status: response.status || 200,
      frames: response.frames.map(frameJSONFromArrow),
      ...(response.error ? { error: response.error } : {}),
      ...(response.errorSource ? { errorSource: response.errorSource } : {}),
    };
  }
  return { results };
}
