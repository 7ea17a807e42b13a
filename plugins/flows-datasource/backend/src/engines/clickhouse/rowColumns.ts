import {
  Bool,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  makeBuilder,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { jsonVector, stringVector, timeVector } from '../../frames/fieldVectors.ts';
import type { FrameField } from '../../frames/frame.ts';
import { kindOf, parseClickHouseType, type ClickHouseColumnType } from './clickhouseTypes.ts';
import { columnTimeZone, wallClockToEpochMs } from './wallClockTime.ts';

/** ClickHouse's JSONCompact output: column names and types, then rows of JSON values. */
export interface JsonCompactResult {
  meta: Array<{ name: string; type: string }>;
  data: unknown[][];
}

/**
 * The row path: for servers without Arrow output (ClickHouse before 23.x, e.g. Debian's 18.16) and
 * for results holding arrays, maps, tuples or 128/256-bit integers. Values arrive as JSON with
 * 64-bit integers quoted, so nothing loses precision on the way.
 */
export function fieldsFromJsonCompact(
  result: JsonCompactResult,
  rowCount: number,
  serverTimeZone: string
): FrameField[] {
  return result.meta.map((column, index) => {
    const type = parseClickHouseType(column.type);
    const values = (function* () {
      for (let row = 0; row < rowCount; row++) {
        yield result.data[row]![index];
      }
    })();
    return {
      name: column.name,
      kind: kindOf(type),
      nullable: type.nullable,
      values: vectorFor(type, column.type, values, serverTimeZone),
    };
  });
}

function vectorFor(
  type: ClickHouseColumnType,
  typeText: string,
  values: Iterable<unknown>,
  serverTimeZone: string
): Vector<DataType> {
  switch (type.base) {
    case 'int':
    case 'uint':
      return integerVector(type.base, type.bits, values);
    case 'float':
    case 'decimal':
      return numbers(type.base === 'float' && type.bits === 32 ? new Float32() : new Float64(), values, toFloat);
    case 'bool':
      return numbers(new Bool(), values, (value) => value === true || value === 1 || value === '1' || value === 'true');
    case 'date':
    case 'datetime':
    case 'datetime64': {
      const zone = type.base === 'date' ? 'UTC' : (columnTimeZone(typeText) ?? serverTimeZone);
      return timeVector(
        mapIterable(values, (value) => (value === null ? null : wallClockToEpochMs(String(value), zone)))
      );
    }
    case 'json':
      return jsonVector(values);
    case 'nothing':
      return stringVector(mapIterable(values, () => null));
    default:
      return stringVector(
        mapIterable(values, (value) =>
          value === null || value === undefined
            ? null
            : type.base === 'fixedstring'
              ? String(value).replace(/\0+$/, '')
              : String(value)
        )
      );
  }
}

const integerTypes = {
  int: { 8: Int8, 16: Int16, 32: Int32, 64: Int64 },
  uint: { 8: Uint8, 16: Uint16, 32: Uint32, 64: Uint64 },
} as const;

function integerVector(base: 'int' | 'uint', bits: number, values: Iterable<unknown>): Vector<DataType> {
  const Type = integerTypes[base][bits as 8 | 16 | 32 | 64];
  const wide = bits === 64;
  return numbers(new Type(), values, (value) => (wide ? BigInt(value as string | number) : Number(value)));
}

function numbers<T extends DataType>(
  type: T,
  values: Iterable<unknown>,
  convert: (value: unknown) => unknown
): Vector<T> {
  const builder = makeBuilder({ type, nullValues: [null] });
  for (const value of values) {
    builder.append((value === null || value === undefined ? null : convert(value)) as never);
  }
  return builder.finish().toVector();
}

/** Quoted denormals ("nan", "inf", "-inf") come back as the numbers they name. */
function toFloat(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  const text = String(value).toLowerCase();
  if (text === 'nan' || text === '-nan') return Number.NaN;
  if (text === 'inf' || text === '+inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function* mapIterable<T, U>(values: Iterable<T>, map: (value: T) => U): Iterable<U> {
  for (const value of values) {
    yield map(value);
  }
}
