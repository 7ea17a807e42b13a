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
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { FrameField } from '../../frames/frame.ts';
import { kindOf, type ClickHouseColumnType } from './clickhouseTypes.ts';

/**
 * The row path for servers without Arrow output (Debian's 18.16): RowBinary, ClickHouse's compact
 * binary row format (every server has it), copied byte for byte into one growing Arrow buffer per
 * column. Numbers keep their little-endian bytes, strings their UTF-8 bytes; no value ever becomes a
 * JavaScript string, number object or BigInt, so a million rows cost their bytes and nothing per row.
 *
 * A row split across two HTTP chunks is read again once the next chunk has arrived: each column
 * writes row `n` of its block in place and only counts it when the whole row was there.
 */

/** A column being filled; `read` returns the offset after row `row`'s value, or -1 if the bytes end first. */
interface BinaryColumn {
  read(bytes: Uint8Array, position: number, row: number): number;
  /** Fills row `row` with a placeholder (zero, empty text) for a NULL, so later rows stay in line. */
  skip(row: number): void;
  /** The first `rows` rows as one Arrow chunk; the column starts over empty for the next block. */
  take(rows: number): Data<DataType>;
}

const incomplete = -1;

/**
 * Rows per Arrow chunk. Every column cuts at the same rows (the frame encoder needs that); a finished
 * block is never copied or grown again, so a column's spare capacity stays under one block's worth.
 */
const blockRows = 65_536;

/** Grows `buffer` (doubling) so it holds at least `needed` bytes. */
function ensure(buffer: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  if (needed <= buffer.length) {
    return buffer;
  }
  const grown = new Uint8Array(Math.max(needed, buffer.length * 2));
  grown.set(buffer);
  return grown;
}

/** The buffer trimmed to `length` bytes: copied when mostly empty, so the frame does not keep the slack alive. */
function trimmed(buffer: Uint8Array, length: number): Uint8Array {
  return length * 4 < buffer.length * 3 ? buffer.slice(0, length) : buffer.subarray(0, length);
}

/** Little-endian values of `width` bytes, kept as they arrive. */
class FixedWidthColumn implements BinaryColumn {
  private data = new Uint8Array(8192);

  constructor(
    private readonly type: DataType,
    private readonly width: number
  ) {}

  read(bytes: Uint8Array, position: number, row: number): number {
    const end = position + this.width;
    if (end > bytes.length) {
      return incomplete;
    }
    const target = row * this.width;
    this.data = ensure(this.data, target + this.width);
    const data = this.data;
    for (let i = 0; i < this.width; i++) {
      data[target + i] = bytes[position + i]!;
    }
    return end;
  }

  skip(row: number): void {
    this.data = ensure(this.data, (row + 1) * this.width);
    this.data.fill(0, row * this.width, (row + 1) * this.width);
  }

  take(rows: number): Data<DataType> {
    const data = typedView(this.type, trimmed(this.data, rows * this.width));
    this.data = new Uint8Array(8192);
    return makeData({ type: this.type as never, length: rows, nullCount: 0, data: data as never });
  }
}

type ViewConstructor = {
  new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView;
  BYTES_PER_ELEMENT: number;
};

const viewTypes = new Map<unknown, ViewConstructor>([
  [Int8, Int8Array],
  [Int16, Int16Array],
  [Int32, Int32Array],
  [Int64, BigInt64Array],
  [Uint8, Uint8Array],
  [Uint16, Uint16Array],
  [Uint32, Uint32Array],
  [Uint64, BigUint64Array],
  [Float32, Float32Array],
  [Float64, Float64Array],
]);

/** The typed array Arrow expects for a fixed-width type, over the same bytes (offset 0: always aligned). */
function typedView(type: DataType, bytes: Uint8Array): ArrayBufferView {
  const ViewType = viewTypes.get(type.constructor)!;
  return new ViewType(bytes.buffer, bytes.byteOffset, bytes.byteLength / ViewType.BYTES_PER_ELEMENT);
}

/**
 * Date (UInt16 days), Date32 (Int32 days) and DateTime (UInt32 seconds) as Grafana's nanosecond
 * timestamps. The 64-bit product is built from exact 32-bit halves in doubles, so no BigInt is made.
 */
class TimeColumn implements BinaryColumn {
  private words = new Uint32Array(2048);
  private lastSeconds = Number.NaN;
  private lastLow = 0;
  private lastHigh = 0;

  constructor(private readonly unit: 'days16' | 'days32' | 'seconds32') {}

  read(bytes: Uint8Array, position: number, row: number): number {
    const width = this.unit === 'days16' ? 2 : 4;
    const end = position + width;
    if (end > bytes.length) {
      return incomplete;
    }
    let value: number;
    if (width === 2) {
      value = bytes[position]! | (bytes[position + 1]! << 8);
    } else {
      const word =
        bytes[position]! | (bytes[position + 1]! << 8) | (bytes[position + 2]! << 16) | (bytes[position + 3]! << 24);
      value = this.unit === 'days32' ? word : word >>> 0;
    }
    const seconds = this.unit === 'seconds32' ? value : value * 86_400;
    if (seconds !== this.lastSeconds) {
      this.split(seconds);
    }
    this.grow(row);
    this.words[2 * row] = this.lastLow;
    this.words[2 * row + 1] = this.lastHigh;
    return end;
  }

  skip(row: number): void {
    this.grow(row);
    this.words[2 * row] = 0;
    this.words[2 * row + 1] = 0;
  }

  private grow(row: number): void {
    if (2 * row + 2 > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
  }

  /** seconds × 10⁹ as two's-complement low and high 32-bit words. */
  private split(seconds: number): void {
    this.lastSeconds = seconds;
    if (seconds < 0) {
      // Only Date32 before 1970; rare enough for BigInt.
      const nanos = BigInt.asUintN(64, BigInt(seconds) * 1_000_000_000n);
      this.lastLow = Number(nanos & 0xffffffffn);
      this.lastHigh = Number(nanos >> 32n);
      return;
    }
    const high16 = Math.floor(seconds / 65_536);
    const low16 = seconds % 65_536;
    const lowProduct = low16 * 1e9; // < 2^46
    const highProduct = high16 * 1e9; // < 2^46 (seconds < 2^32)
    const lowSum = lowProduct + (highProduct % 65_536) * 65_536; // < 2^47
    this.lastLow = lowSum % 4_294_967_296;
    this.lastHigh = Math.floor(highProduct / 65_536) + Math.floor(lowSum / 4_294_967_296);
  }

  take(rows: number): Data<DataType> {
    const bytes = trimmed(new Uint8Array(this.words.buffer), rows * 8);
    this.words = new Uint32Array(2048);
    return makeData({
      type: new TimestampNanosecond(),
      length: rows,
      nullCount: 0,
      data: new BigInt64Array(bytes.buffer, bytes.byteOffset, rows),
    });
  }
}

/** UInt8 0/1 as Arrow's bit-packed booleans. */
class BoolColumn implements BinaryColumn {
  private bits = new Uint8Array(1024);

  read(bytes: Uint8Array, position: number, row: number): number {
    if (position >= bytes.length) {
      return incomplete;
    }
    this.bits = ensure(this.bits, (row >> 3) + 1);
    if (bytes[position] !== 0) {
      this.bits[row >> 3]! |= 1 << (row & 7);
    } else {
      this.bits[row >> 3]! &= ~(1 << (row & 7));
    }
    return position + 1;
  }

  skip(row: number): void {
    this.bits = ensure(this.bits, (row >> 3) + 1);
    this.bits[row >> 3]! &= ~(1 << (row & 7));
  }

  take(rows: number): Data<DataType> {
    const data = trimmed(this.bits, (rows + 7) >> 3);
    this.bits = new Uint8Array(1024);
    return makeData({ type: new Bool(), length: rows, nullCount: 0, data });
  }
}

/** String (LEB128 length, then bytes) or FixedString(n) (n bytes, NUL-padded) as Arrow Utf8. */
class TextColumn implements BinaryColumn {
  private data = new Uint8Array(65_536);
  private offsets = new Int32Array(1025);

  /** `fixedWidth`: FixedString(n)'s n; undefined for String. */
  constructor(private readonly fixedWidth?: number) {}

  read(bytes: Uint8Array, position: number, row: number): number {
    let length: number;
    let start = position;
    if (this.fixedWidth === undefined) {
      length = 0;
      let shift = 0;
      for (;;) {
        if (start >= bytes.length) {
          return incomplete;
        }
        const byte = bytes[start++]!;
        length += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
        shift += 7;
      }
    } else {
      length = this.fixedWidth;
    }
    const end = start + length;
    if (end > bytes.length) {
      return incomplete;
    }
    // FixedString pads with NUL bytes, which Grafana would show; the text ends before them.
    let kept = length;
    if (this.fixedWidth !== undefined) {
      while (kept > 0 && bytes[start + kept - 1] === 0) kept--;
    }
    this.growOffsets(row);
    const from = this.offsets[row]!;
    if (from + kept > 0x7fffffff) {
      throw new Error('a text column of the result is larger than 2 GiB; narrow the query or lower the row limit');
    }
    this.data = ensure(this.data, from + kept);
    const data = this.data;
    if (kept < 64) {
      for (let i = 0; i < kept; i++) {
        data[from + i] = bytes[start + i]!;
      }
    } else {
      data.set(bytes.subarray(start, start + kept), from);
    }
    this.offsets[row + 1] = from + kept;
    return end;
  }

  skip(row: number): void {
    this.growOffsets(row);
    this.offsets[row + 1] = this.offsets[row]!;
  }

  private growOffsets(row: number): void {
    if (row + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
  }

  take(rows: number): Data<DataType> {
    const data = trimmed(this.data, this.offsets[rows]!);
    const valueOffsets = this.offsets.slice(0, rows + 1);
    this.data = new Uint8Array(65_536);
    this.offsets = new Int32Array(1025);
    return makeData({ type: new Utf8(), length: rows, nullCount: 0, data, valueOffsets });
  }
}

/** Nullable(T): a byte before each value, 1 for NULL; a NULL has no value bytes. */
class NullableColumn implements BinaryColumn {
  private validity = new Uint8Array(1024);

  constructor(private readonly inner: BinaryColumn) {}

  read(bytes: Uint8Array, position: number, row: number): number {
    if (position >= bytes.length) {
      return incomplete;
    }
    this.validity = ensure(this.validity, (row >> 3) + 1);
    if (bytes[position] === 1) {
      this.skip(row);
      return position + 1;
    }
    this.validity[row >> 3]! |= 1 << (row & 7);
    return this.inner.read(bytes, position + 1, row);
  }

  skip(row: number): void {
    this.validity = ensure(this.validity, (row >> 3) + 1);
    this.validity[row >> 3]! &= ~(1 << (row & 7));
    this.inner.skip(row);
  }

  take(rows: number): Data<DataType> {
    const values = this.inner.take(rows);
    let nullCount = 0;
    for (let row = 0; row < rows; row++) {
      if ((this.validity[row >> 3]! & (1 << (row & 7))) === 0) nullCount++;
    }
    const nullBitmap = nullCount > 0 ? trimmed(this.validity, (rows + 7) >> 3) : undefined;
    this.validity = new Uint8Array(1024);
    return makeData({
      type: values.type as never,
      length: rows,
      nullCount,
      data: values.values as never,
      valueOffsets: values.valueOffsets as never,
      nullBitmap,
    });
  }
}

const fixedWidthTypes: Record<string, () => [DataType, number]> = {
  int8: () => [new Int8(), 1],
  int16: () => [new Int16(), 2],
  int32: () => [new Int32(), 4],
  int64: () => [new Int64(), 8],
  uint8: () => [new Uint8(), 1],
  uint16: () => [new Uint16(), 2],
  uint32: () => [new Uint32(), 4],
  uint64: () => [new Uint64(), 8],
  float32: () => [new Float32(), 4],
  float64: () => [new Float64(), 8],
};

function columnFor(type: ClickHouseColumnType, typeText: string): BinaryColumn {
  const column = baseColumnFor(type, typeText);
  return type.nullable ? new NullableColumn(column) : column;
}

function baseColumnFor(type: ClickHouseColumnType, typeText: string): BinaryColumn {
  switch (type.base) {
    case 'int':
    case 'uint':
    case 'float': {
      const make = fixedWidthTypes[`${type.base}${type.bits}`];
      if (!make) {
        throw new Error(`no RowBinary reader for ${typeText}`);
      }
      const [arrowType, width] = make();
      return new FixedWidthColumn(arrowType, width);
    }
    case 'bool':
      return new BoolColumn();
    case 'string':
      return new TextColumn();
    case 'fixedstring': {
      const width = /FixedString\((\d+)\)/.exec(typeText)?.[1];
      if (!width) {
        throw new Error(`no width in ClickHouse type ${typeText}`);
      }
      return new TextColumn(Number(width));
    }
    case 'date':
      return new TimeColumn(/Date32/.test(typeText) ? 'days32' : 'days16');
    case 'datetime':
      return new TimeColumn('seconds32');
    default:
      throw new Error(`no RowBinary reader for ${typeText}; it takes the TabSeparated path`);
  }
}

export interface RowBinaryColumn {
  name: string;
  typeText: string;
  type: ClickHouseColumnType;
}

/** Reads a RowBinary stream into fields, stopping after `rowLimit` rows (reporting whether more came). */
export async function fieldsFromRowBinary(
  stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  columns: RowBinaryColumn[],
  rowLimit: number
): Promise<{ fields: FrameField[]; rowCount: number; truncated: boolean }> {
  const readers = columns.map((column) => columnFor(column.type, column.typeText));
  const chunks: Array<Array<Data<DataType>>> = columns.map(() => []);
  let rowCount = 0;
  let blockStart = 0;
  let truncated = false;
  let leftover: Uint8Array | undefined;
  reading: for await (const chunk of stream) {
    const bytes: Uint8Array = leftover ? Buffer.concat([leftover, chunk]) : chunk;
    let position = 0;
    while (position < bytes.length) {
      if (rowCount === rowLimit) {
        truncated = true;
        break reading;
      }
      let next = position;
      const row = rowCount - blockStart;
      for (let i = 0; i < readers.length && next !== incomplete; i++) {
        next = readers[i]!.read(bytes, next, row);
      }
      if (next === incomplete) {
        break;
      }
      position = next;
      rowCount++;
      if (rowCount - blockStart === blockRows) {
        readers.forEach((reader, i) => chunks[i]!.push(reader.take(blockRows)));
        blockStart = rowCount;
      }
    }
    // A partial row waits for the next chunk; copied, so the chunk it came in can be let go.
    leftover = position < bytes.length ? bytes.slice(position) : undefined;
  }
  if (leftover && !truncated) {
    throw new Error(`ClickHouse's RowBinary answer ended inside row ${rowCount + 1}`);
  }
  if (rowCount === 0 || rowCount > blockStart) {
    readers.forEach((reader, i) => chunks[i]!.push(reader.take(rowCount - blockStart)));
  }
  const fields = columns.map((column, i) => ({
    name: column.name,
    kind: kindOf(column.type),
    nullable: column.type.nullable,
    values: makeVector(chunks[i]!) as Vector<DataType>,
  }));
  return { fields, rowCount, truncated };
}
