import { routeColumns } from '../columns.ts';
import { compileValuesReader } from '../propertyAccessors.ts';
import type { FlowRecordCursor, Route } from '../record.ts';
import { ByteWriter } from './byteWriter.ts';
import {
  Kind,
  maxRecordNumberBytes,
  recordNumberKinds,
  RouteBytesCache,
  TextBytesCache,
  type FlowEncoder,
} from './encoder.ts';

/** ClickHouse RowBinary: fixed-width little-endian numbers, strings as a varint length and UTF-8 bytes. */
export class RowBinaryEncoder implements FlowEncoder {
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
}

const readRouteFields = compileValuesReader<Array<string | number>>(routeColumns.map((column) => column.name));
const routeFieldValues: Array<string | number> = [];
const routeScratch = new ByteWriter(4096);

function encodeRoute(route: Route): Uint8Array {
  readRouteFields(route.fields, routeFieldValues);
  const out = routeScratch;
  out.reset();
  for (let i = 0; i < routeColumns.length; i++) {
    const column = routeColumns[i]!;
    const value = routeFieldValues[i]!;
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
  // A copy of the scratch bytes, kept by the cache for every later record of the route.
  return new Uint8Array(out.view());
}

function writeString(out: ByteWriter, text: string): void {
  let length = Buffer.byteLength(text);
  out.reserve(length + 10);
  const byteLength = length;
  while (length >= 0x80) {
    out.byte((length & 0x7f) | 0x80);
    length >>>= 7;
  }
  out.byte(length);
  out.utf8(text, byteLength);
}
