import { routeColumns, type FlowRecord } from '../columns.ts';
import type { FlowRecordCursor, Route } from '../record.ts';
import { ByteWriter } from './byteWriter.ts';
import {
  Kind,
  maxRecordNumberBytes,
  recordNumberKinds,
  RouteBytesCache,
  TextBytesCache,
  wireKinds,
  wireNames,
  type FlowEncoder,
  type RecordEncoder,
} from './encoder.ts';

/** ClickHouse RowBinary: fixed-width little-endian numbers, strings as a varint length and UTF-8 bytes. */
export class RowBinaryEncoder implements FlowEncoder, RecordEncoder {
  readonly clickhouseFormat = 'RowBinary';
  readonly header = new Uint8Array(0);
  private readonly routes = new RouteBytesCache(encodeRoute);
  private readonly tcpStates = new TextBytesCache((text) => {
    const out = new ByteWriter(64);
    writeString(out, text);
    return Buffer.from(out.view());
  });

  write(record: FlowRecordCursor, out: ByteWriter): void {
    const tail = this.routes.get(record.route);
    out.reserve(maxRecordNumberBytes + 32 + tail.length);
    const values = record.values;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number;
      switch (recordNumberKinds[i]) {
        case Kind.DateTime:
          out.uint32(value);
          break;
        case Kind.UInt8:
          out.uint8(value);
          break;
        case Kind.UInt16:
          out.uint16(value);
          break;
        default:
          out.uint64(value);
      }
    }
    out.smallBytes(this.tcpStates.get(record.tcpState));
    out.bytes(tail);
  }

  writeRecord(record: FlowRecord, out: ByteWriter): void {
    const values = record as unknown as Record<string, string | number>;
    for (let i = 0; i < wireNames.length; i++) {
      const value = values[wireNames[i] as string] as number;
      out.reserve(8);
      switch (wireKinds[i]) {
        case Kind.String:
          writeString(out, value as unknown as string);
          break;
        case Kind.DateTime:
          out.uint32(value);
          break;
        case Kind.UInt8:
          out.uint8(value);
          break;
        case Kind.UInt16:
          out.uint16(value);
          break;
        default:
          out.uint64(value);
      }
    }
  }
}

function encodeRoute(route: Route): Uint8Array {
  const out = new ByteWriter(1024);
  for (const column of routeColumns) {
    const value = route.fields[column.name];
    out.reserve(16);
    if (typeof value === 'string') {
      writeString(out, value);
    } else if (column.type === 'UInt8') {
      out.uint8(value);
    } else if (column.type === 'UInt16') {
      out.uint16(value);
    } else {
      throw new Error(`RowBinary encoder has no rule for route column ${column.name} of type ${column.type}`);
    }
  }
  return Buffer.from(out.view());
}

/**
 * A varint byte length, then UTF-8. The length is written first as if the text were ASCII (the
 * usual case); when UTF-8 came out longer, it is written again, moving the bytes if it grew wider.
 */
function writeString(out: ByteWriter, text: string): void {
  out.reserve(text.length * 3 + 20);
  const start = out.length;
  const guessWidth = varintWidth(text.length);
  out.length = start + guessWidth;
  out.utf8(text);
  const bytes = out.length - start - guessWidth;
  if (bytes === text.length) {
    writeVarint(out.buffer, start, bytes);
    return;
  }
  const width = varintWidth(bytes);
  if (width !== guessWidth) out.buffer.copyWithin(start + width, start + guessWidth, out.length);
  writeVarint(out.buffer, start, bytes);
  out.length = start + width + bytes;
}

function varintWidth(value: number): number {
  let width = 1;
  while (value >= 0x80) {
    value >>>= 7;
    width++;
  }
  return width;
}

function writeVarint(buffer: Buffer, at: number, value: number): void {
  while (value >= 0x80) {
    buffer[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  buffer[at] = value;
}
