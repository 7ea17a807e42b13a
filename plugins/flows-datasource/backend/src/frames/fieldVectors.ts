import type { FieldKind, FrameField } from './frame.ts';
import {
  Binary,
  Bool,
  Float64,
  Int64,
  makeBuilder,
  makeData,
  makeVector,
  TimestampNanosecond,
  Uint64,
  Utf8,
  type DataType,
  type Vector,
} from 'apache-arrow';

/**
 * Builders for field vectors from plain values, for results that do not arrive as Arrow (old
 * ClickHouse, Snowflake) and for reshaped frames. Every vector type here is one Grafana's SDK decodes.
 */
function build<T extends DataType>(type: T, values: Iterable<unknown>): Vector<T> {
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (const value of values) {
    builder.append(value as never);
  }
  return builder.finish().toVector();
}

/** Times as epoch nanoseconds (bigint) or null, as Grafana's Timestamp(ns) fields. */
export function timeVectorFromNanos(epochNs: ArrayLike<bigint | null>): Vector<TimestampNanosecond> {
  const length = epochNs.length;
  const data = new BigInt64Array(length);
  const validity = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const value = epochNs[i];
    if (value === null || value === undefined) {
      nullCount++;
    } else {
      data[i] = value;
      validity[i >> 3]! |= 1 << (i & 7);
    }
  }
  const type = new TimestampNanosecond();
  return makeVector(makeData({ type, length, nullCount, data, nullBitmap: nullCount > 0 ? validity : undefined }));
}

/** Times as epoch milliseconds or null (non-finite counts as null). */
export function timeVector(epochMs: Iterable<number | null>): Vector<TimestampNanosecond> {
  const nanos: Array<bigint | null> = [];
  for (const ms of epochMs) {
    nanos.push(ms === null || !Number.isFinite(ms) ? null : BigInt(Math.round(ms * 1000)) * 1000n);
  }
  return timeVectorFromNanos(nanos);
}

export function float64Vector(values: Iterable<number | null>): Vector<Float64> {
  return build(new Float64(), values);
}

export function int64Vector(values: Iterable<bigint | null>): Vector<Int64> {
  return build(new Int64(), values);
}

export function uint64Vector(values: Iterable<bigint | null>): Vector<Uint64> {
  return build(new Uint64(), values);
}

export function stringVector(values: Iterable<string | null>): Vector<Utf8> {
  return build(new Utf8(), values);
}

export function boolVector(values: Iterable<boolean | null>): Vector<Bool> {
  return build(new Bool(), values);
}

const encoder = new TextEncoder();

/** JSON documents (arrays, maps, tuples, variants): Grafana's "other" field type, Binary on the wire. */
export function jsonVector(values: Iterable<unknown>): Vector<Binary> {
  const encoded: Array<Uint8Array | null> = [];
  for (const value of values) {
    encoded.push(value === null || value === undefined ? null : encoder.encode(JSON.stringify(value)));
  }
  return build(new Binary(), encoded);
}

/** A frame field from a vector, with optional labels and config. */
export function field(
  name: string,
  kind: FieldKind,
  values: Vector<DataType>,
  extra: Partial<FrameField> = {}
): FrameField {
  return { name, kind, values, ...extra };
}
