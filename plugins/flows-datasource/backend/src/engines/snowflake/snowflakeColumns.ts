import type { DataType, Vector } from 'apache-arrow';
import {
  boolVector,
  float64Vector,
  int64Vector,
  jsonVector,
  stringVector,
  timeVector,
  uint64Vector,
} from '../../frames/fieldVectors.ts';
import type { FieldKind, FrameField } from '../../frames/frame.ts';
import { resultColumnName } from './resultColumnNames.ts';

/** What the driver tells about a result column (its Column object, reduced to plain data). */
export interface SnowflakeColumn {
  name: string;
  /** Snowflake's type name in lower case: fixed, real, text, boolean, date, time, timestamp_ntz|ltz|tz, variant, object, array, map, binary… */
  type: string;
  scale: number;
  nullable: boolean;
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

/**
 * Turns a column of driver values into a Grafana field, with the ClickHouse engine's rules: whole
 * NUMBERs exact as int64 (uint64 when they need it), other numbers float64, timestamps of every kind
 * as instants (TIMESTAMP_NTZ read as UTC), semi-structured values as JSON, nulls kept. NUMBERs arrive
 * as text (fetchAsString), so nothing passes through a float on the way.
 */
export function fieldFromColumn(column: SnowflakeColumn, values: unknown[]): FrameField {
  const { kind, vector } = convert(column, values);
  return { name: resultColumnName(column.name), kind, nullable: column.nullable, values: vector };
}

function convert(column: SnowflakeColumn, values: unknown[]): { kind: FieldKind; vector: Vector<DataType> } {
  switch (column.type) {
    case 'fixed':
      return { kind: 'number', vector: column.scale === 0 ? wholeNumbers(values) : float64Vector(values.map(toFloat)) };
    case 'real':
      return { kind: 'number', vector: float64Vector(values.map(toFloat)) };
    case 'boolean':
      return { kind: 'boolean', vector: boolVector(values.map((value) => (isNull(value) ? null : Boolean(value)))) };
    case 'date':
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return { kind: 'time', vector: timeVector(values.map(toEpochMs)) };
    case 'variant':
    case 'object':
    case 'array':
    case 'map':
      return { kind: 'other', vector: jsonVector(values.map((value) => (value === undefined ? null : value))) };
    case 'binary':
      return {
        kind: 'string',
        vector: stringVector(
          values.map((value) => (isNull(value) ? null : Buffer.from(value as Uint8Array).toString('hex')))
        ),
      };
    default:
      return { kind: 'string', vector: stringVector(values.map((value) => (isNull(value) ? null : String(value)))) };
  }
}

/** int64 when every value fits, uint64 for large counters (NUMBER(20,0) holds UInt64), else float64. */
function wholeNumbers(values: unknown[]): Vector<DataType> {
  const integers = values.map((value) => (isNull(value) ? null : BigInt(String(value))));
  const present = integers.filter((value): value is bigint => value !== null);
  if (present.every((value) => value >= int64Min && value <= int64Max)) {
    return int64Vector(integers);
  }
  if (present.every((value) => value >= 0n && value <= uint64Max)) {
    return uint64Vector(integers);
  }
  return float64Vector(integers.map((value) => (value === null ? null : Number(value))));
}

function toFloat(value: unknown): number | null {
  if (isNull(value)) {
    return null;
  }
  const text = String(value).trim().toLowerCase();
  if (text === 'inf' || text === 'infinity' || text === '+inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf' || text === '-infinity') return Number.NEGATIVE_INFINITY;
  if (text === 'nan') return Number.NaN;
  return Number(text);
}

/** The driver gives DATE and TIMESTAMP_* as Date objects holding the instant (NTZ and DATE taken as UTC). */
function toEpochMs(value: unknown): number | null {
  if (isNull(value)) {
    return null;
  }
  return value instanceof Date ? value.getTime() : Date.parse(String(value));
}

function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}
