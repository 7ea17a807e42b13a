import {
  Bool,
  Float64,
  type Data,
  makeBuilder,
  makeData,
  makeVector,
  TimestampNanosecond,
  Utf8,
  type DataType,
} from 'apache-arrow';
import type { ClickHouseColumnType } from './clickhouseTypes.ts';

/**
 * Converts one chunk of a ClickHouse Arrow column into the Arrow type Grafana decodes for it.
 * Numbers, strings and booleans pass through untouched (no copy); times become Timestamp(ns);
 * enums, IPs, UUIDs and fixed strings become UTF-8 text.
 */
export function convertArrowChunk(chunk: Data<DataType>, type: ClickHouseColumnType): Data<DataType> {
  switch (type.base) {
    case 'datetime':
      return secondsToTimestamp(chunk, 1);
    case 'date':
      // Date arrives as Date32 (days); Date as UInt16 days on older servers. Either way: days.
      return secondsToTimestamp(chunk, 86_400);
    case 'datetime64':
      return timestampToNanoseconds(chunk);
    case 'decimal':
      return decimalToFloat(chunk, type.scale);
    case 'enum':
      return textChunk(chunk, (value) => type.names.get(Number(value)) ?? String(value));
    case 'ipv4':
      return textChunk(chunk, (value) => {
        const ip = Number(value);
        return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
      });
    case 'ipv6':
      return textChunk(chunk, (value) => formatIPv6(value as Uint8Array));
    case 'uuid':
      return textChunk(chunk, (value) => formatUuid(value as Uint8Array));
    case 'fixedstring':
      return textChunk(chunk, (value) =>
        typeof value === 'string' ? value.replace(/\0+$/, '') : decoder.decode(value as Uint8Array).replace(/\0+$/, '')
      );
    case 'nothing':
      return textChunk(chunk, () => null);
    case 'bool':
      // ClickHouse sends Bool as Arrow BOOL; very old servers as UInt8.
      return chunk.type instanceof Bool ? chunk : textlessBool(chunk);
    default:
      return chunk;
  }
}

const decoder = new TextDecoder();

function validityOf(chunk: Data<DataType>): Uint8Array | undefined {
  if (chunk.nullCount === 0 || !chunk.nullBitmap || chunk.nullBitmap.length === 0) {
    return undefined;
  }
  if (chunk.offset === 0) {
    return chunk.nullBitmap;
  }
  // Re-base a sliced bitmap so the new chunk starts at bit 0.
  const rebased = new Uint8Array((chunk.length + 7) >> 3);
  for (let i = 0; i < chunk.length; i++) {
    const bit = chunk.offset + i;
    if (chunk.nullBitmap[bit >> 3]! & (1 << (bit & 7))) {
      rebased[i >> 3]! |= 1 << (i & 7);
    }
  }
  return rebased;
}

/**
 * Whole seconds (or days, via `unit`) to Timestamp(ns) without BigInt arithmetic per value:
 * seconds × 1e9 = (seconds × 1953125) × 2^9, where the first product is exact in a double and the
 * second is a power-of-two scaling, so both 32-bit words of the int64 come out exact.
 */
function secondsToTimestamp(chunk: Data<DataType>, unit: number): Data<TimestampNanosecond> {
  const source = chunk.values as ArrayLike<number>;
  const length = chunk.length;
  const out = new BigInt64Array(length);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < length; i++) {
    const nanos = Number(source[chunk.offset + i]) * unit * 1_953_125 * 512;
    words[2 * i] = nanos % 4_294_967_296;
    words[2 * i + 1] = Math.floor(nanos / 4_294_967_296);
  }
  return makeData({
    type: new TimestampNanosecond(),
    length,
    nullCount: chunk.nullCount,
    data: out,
    nullBitmap: validityOf(chunk),
  });
}

const nanosPerUnit = [1_000_000_000n, 1_000_000n, 1_000n, 1n];

function timestampToNanoseconds(chunk: Data<DataType>): Data<TimestampNanosecond> {
  const unit = (chunk.type as unknown as { unit: number }).unit;
  const factor = nanosPerUnit[unit] ?? 1n;
  const source = chunk.values as unknown as BigInt64Array;
  const out = new BigInt64Array(chunk.length);
  for (let i = 0; i < chunk.length; i++) {
    out[i] = source[chunk.offset + i]! * factor;
  }
  return makeData({
    type: new TimestampNanosecond(),
    length: chunk.length,
    nullCount: chunk.nullCount,
    data: out,
    nullBitmap: validityOf(chunk),
  });
}

function decimalToFloat(chunk: Data<DataType>, scale: number): Data<DataType> {
  const vector = makeVector(chunk);
  const divisor = 10 ** scale;
  const builder = makeBuilder({ type: new Float64(), nullValues: [null] });
  for (let i = 0; i < vector.length; i++) {
    const raw = vector.get(i) as unknown;
    builder.append(raw === null ? null : Number(decimalInteger(raw)) / divisor);
  }
  return builder.finish().flush() as Data<DataType>;
}

/** Arrow JS returns decimals as 32-bit word arrays (little-endian, two's complement). */
function decimalInteger(raw: unknown): bigint {
  const words = raw as Uint32Array;
  let value = 0n;
  for (let i = words.length - 1; i >= 0; i--) {
    value = (value << 32n) | BigInt(words[i]!);
  }
  const bits = BigInt(words.length * 32);
  return value >= 1n << (bits - 1n) ? value - (1n << bits) : value;
}

function textChunk(chunk: Data<DataType>, format: (value: unknown) => string | null): Data<Utf8> {
  const vector = makeVector(chunk);
  const builder = makeBuilder({ type: new Utf8(), nullValues: [null] });
  for (let i = 0; i < vector.length; i++) {
    const value = vector.get(i);
    builder.append(value === null ? null : format(value));
  }
  return builder.finish().flush() as Data<Utf8>;
}

function textlessBool(chunk: Data<DataType>): Data<Bool> {
  const vector = makeVector(chunk);
  const builder = makeBuilder({ type: new Bool(), nullValues: [null] });
  for (let i = 0; i < vector.length; i++) {
    const value = vector.get(i);
    builder.append(value === null ? null : Boolean(value));
  }
  return builder.finish().flush() as Data<Bool>;
}

function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function formatIPv6(bytes: Uint8Array): string {
  const isV4Mapped = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (isV4Mapped) {
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) {
    groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  }
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
