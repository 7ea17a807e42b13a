import { flowColumns, routeColumns } from '../columns.ts';
import type { FlowRecordCursor, Route } from '../record.ts';
import type { ByteWriter } from './byteWriter.ts';
import {
  Kind,
  maxRecordNumberBytes,
  recordNumberKinds,
  RouteBytesCache,
  TextBytesCache,
  type FlowEncoder,
} from './encoder.ts';

const comma = 44;

/** RFC 4180 CSV with a header line naming the columns; times are unix seconds, zero-padded to ten digits. */
export class CsvEncoder implements FlowEncoder {
  readonly clickhouseFormat = 'CSV';
  readonly header = Buffer.from(flowColumns.map((column) => column.name).join(',') + '\n');
  private readonly routes = new RouteBytesCache(encodeRoute);
  private readonly tcpStates = new TextBytesCache((text) => Buffer.from(quote(text)));

  write(record: FlowRecordCursor, out: ByteWriter): void {
    const tail = this.routes.get(record.route);
    out.reserve(maxRecordNumberBytes + 32 + tail.length);
    const values = record.values;
    for (let i = 0; i < values.length; i++) {
      // Ten-digit times, as for TabSeparated: newer ClickHouse reads only those as unix seconds.
      if (recordNumberKinds[i] === Kind.DateTime) {
        out.tenDigits(values[i] as number);
      } else {
        out.decimal(values[i] as number);
      }
      out.byte(comma);
    }
    out.smallBytes(this.tcpStates.get(record.tcpState));
    out.bytes(tail);
  }
}

function encodeRoute(route: Route): Uint8Array {
  let text = '';
  for (const column of routeColumns) {
    const value = route.fields[column.name];
    text += ',' + (typeof value === 'string' ? quote(value) : String(value));
  }
  return Buffer.from(text + '\n');
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replace(/"/g, '""')}"` : text;
}
