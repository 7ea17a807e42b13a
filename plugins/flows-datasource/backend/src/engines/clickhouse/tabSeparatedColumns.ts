import {
  Bool,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  makeData,
  makeVector,
  TimestampNanosecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { FrameField } from '../../frames/frame.ts';
import { kindOf, type ClickHouseColumnType } from './clickhouseTypes.ts';
import { columnTimeZone, wallClockToEpochMs } from './wallClockTime.ts';

/**
 * The streaming row path for servers without Arrow output (Debian's 18.16) and scalar types RowBinary
 * is not read for (enums, UUIDs, IPs, decimals, DateTime64): TabSeparated text is read line by line
 * into growing typed arrays, one per column, so memory stays near the size of the result.
 */
interface ColumnAccumulator {
  push(text: string | null): void;
  finish(): Vector<DataType>;
}

class Validity {
  private bits = new Uint8Array(128);
  nullCount = 0;
  length = 0;

  push(valid: boolean): void {
    if (this.length >> 3 >= this.bits.length) {
      const grown = new Uint8Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    if (valid) {
      this.bits[this.length >> 3]! |= 1 << (this.length & 7);
    } else {
      this.nullCount++;
    }
    this.length++;
  }

  bitmap(): Uint8Array | undefined {
    return this.nullCount > 0 ? this.bits.subarray(0, (this.length + 7) >> 3) : undefined;
  }
}

type TypedArray =
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;
type TypedArrayConstructor = { new (length: number): TypedArray };

class TypedColumn implements ColumnAccumulator {
  private values: TypedArray;
  private readonly validity = new Validity();

  constructor(
    private readonly type: DataType,
    private readonly ArrayType: TypedArrayConstructor,
    private readonly parse: (text: string) => number | bigint
  ) {
    this.values = new ArrayType(1024);
  }

  push(text: string | null): void {
    const index = this.validity.length;
    if (index >= this.values.length) {
      const grown = new this.ArrayType(this.values.length * 2);
      grown.set(this.values as never);
      this.values = grown;
    }
    if (text !== null) {
      (this.values as unknown as Array<number | bigint>)[index] = this.parse(text);
    }
    this.validity.push(text !== null);
  }

  finish(): Vector<DataType> {
    const length = this.validity.length;
    return makeVector(
      makeData({
        type: this.type as never,
        length,
        nullCount: this.validity.nullCount,
        data: this.values.subarray(0, length) as never,
        nullBitmap: this.validity.bitmap(),
      })
    );
  }
}

class TextColumn implements ColumnAccumulator {
  private readonly values: Array<string | null> = [];

  constructor(private readonly clean: (text: string) => string = (text) => text) {}

  push(text: string | null): void {
    this.values.push(text === null ? null : this.clean(text));
  }

  finish(): Vector<DataType> {
    const validity = new Validity();
    let bytes = 0;
    for (const value of this.values) {
      bytes += value === null ? 0 : Buffer.byteLength(value, 'utf8');
    }
    const data = Buffer.allocUnsafe(bytes);
    const offsets = new Int32Array(this.values.length + 1);
    let position = 0;
    this.values.forEach((value, i) => {
      if (value !== null) {
        position += data.write(value, position, 'utf8');
      }
      offsets[i + 1] = position;
      validity.push(value !== null);
    });
    return makeVector(
      makeData({
        type: new Utf8(),
        length: this.values.length,
        nullCount: validity.nullCount,
        data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        valueOffsets: offsets,
        nullBitmap: validity.bitmap(),
      })
    );
  }
}

const numberArrays: Record<string, [DataType, TypedArrayConstructor]> = {
  int8: [new Int8(), Int8Array],
  int16: [new Int16(), Int16Array],
  int32: [new Int32(), Int32Array],
  uint8: [new Uint8(), Uint8Array],
  uint16: [new Uint16(), Uint16Array],
  uint32: [new Uint32(), Uint32Array],
};

function parseFloatText(text: string): number {
  // ClickHouse prints non-finite floats as nan, inf and -inf.
  if (text === 'nan' || text === '-nan') return Number.NaN;
  if (text === 'inf' || text === '+inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function accumulatorFor(type: ClickHouseColumnType, typeText: string, serverTimeZone: string): ColumnAccumulator {
  switch (type.base) {
    case 'int':
    case 'uint': {
      if (type.bits === 64) {
        return type.base === 'int'
          ? new TypedColumn(new Int64(), BigInt64Array, BigInt)
          : new TypedColumn(new Uint64(), BigUint64Array, BigInt);
      }
      const [arrowType, ArrayType] = numberArrays[`${type.base}${type.bits}`]!;
      return new TypedColumn(arrowType, ArrayType, Number);
    }
    case 'float':
      return type.bits === 32
        ? new TypedColumn(new Float32(), Float32Array, parseFloatText)
        : new TypedColumn(new Float64(), Float64Array, parseFloatText);
    case 'decimal':
      return new TypedColumn(new Float64(), Float64Array, Number);
    case 'bool':
      return new BoolColumn();
    case 'date':
    case 'datetime':
    case 'datetime64': {
      const zone = type.base === 'date' ? 'UTC' : (columnTimeZone(typeText) ?? serverTimeZone);
      // Results repeat the same timestamps a lot (every flow of a second); parse each text once.
      const seen = new Map<string, bigint>();
      return new TypedColumn(new TimestampNanosecond(), BigInt64Array, (text) => {
        let nanos = seen.get(text);
        if (nanos === undefined) {
          nanos = BigInt(Math.round(wallClockToEpochMs(text, zone) * 1000)) * 1000n;
          seen.set(text, nanos);
        }
        return nanos;
      });
    }
    case 'fixedstring':
      return new TextColumn((text) => text.replace(/\0+$/, ''));
    case 'nothing':
      return new TextColumn();
    default:
      return new TextColumn();
  }
}

class BoolColumn implements ColumnAccumulator {
  private readonly values: Array<boolean | null> = [];

  push(text: string | null): void {
    this.values.push(text === null ? null : text === 'true' || text === '1');
  }

  finish(): Vector<DataType> {
    const validity = new Validity();
    const bits = new Uint8Array((this.values.length + 7) >> 3);
    this.values.forEach((value, i) => {
      if (value) bits[i >> 3]! |= 1 << (i & 7);
      validity.push(value !== null);
    });
    return makeVector(
      makeData({
        type: new Bool(),
        length: this.values.length,
        nullCount: validity.nullCount,
        data: bits,
        nullBitmap: validity.bitmap(),
      })
    );
  }
}

const escapes: Record<string, string> = {
  t: '\t',
  n: '\n',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** TabSeparated escaping: backslash sequences for control characters; `\N` alone is NULL. */
export function unescapeField(text: string): string | null {
  if (text === '\\N') {
    return null;
  }
  if (!text.includes('\\')) {
    return text;
  }
  return text.replace(/\\(.)/g, (_, char: string) => escapes[char] ?? char);
}

export interface TabSeparatedColumn {
  name: string;
  typeText: string;
  type: ClickHouseColumnType;
}

/** Reads a TabSeparated stream into fields, stopping after `rowLimit` rows (reporting whether more came). */
export async function fieldsFromTabSeparated(
  stream: AsyncIterable<Uint8Array | string>,
  columns: TabSeparatedColumn[],
  rowLimit: number,
  serverTimeZone: string
): Promise<{ fields: FrameField[]; rowCount: number; truncated: boolean }> {
  const accumulators = columns.map((column) => accumulatorFor(column.type, column.typeText, serverTimeZone));
  const decoder = new TextDecoder();
  let leftover = '';
  let rowCount = 0;
  let truncated = false;
  const takeLine = (line: string): boolean => {
    if (rowCount === rowLimit) {
      truncated = true;
      return false;
    }
    const parts = line.split('\t');
    if (parts.length !== columns.length) {
      throw new Error(`ClickHouse sent ${parts.length} values in row ${rowCount + 1}, expected ${columns.length}`);
    }
    for (let i = 0; i < parts.length; i++) {
      accumulators[i]!.push(unescapeField(parts[i]!));
    }
    rowCount++;
    return true;
  };
  reading: for await (const chunk of stream) {
    const text = leftover + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    leftover = lines.pop()!;
    for (const line of lines) {
      if (!takeLine(line)) {
        break reading;
      }
    }
  }
  if (!truncated) {
    leftover += decoder.decode();
    if (leftover.length > 0) {
      takeLine(leftover);
    }
  }
  const fields = columns.map((column, i) => ({
    name: column.name,
    kind: kindOf(column.type),
    nullable: column.type.nullable,
    values: accumulators[i]!.finish(),
  }));
  return { fields, rowCount, truncated };
}
