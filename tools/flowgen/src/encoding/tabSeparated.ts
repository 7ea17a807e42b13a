import { routeColumns } from '../columns.ts';
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

const tab = 9;

/** ClickHouse TabSeparated: DateTime as ten-digit unix seconds, strings with \t \n \\ escaped. */
export class TabSeparatedEncoder implements FlowEncoder {
  readonly clickhouseFormat = 'TabSeparated';
  readonly header = new Uint8Array(0);
  private readonly routes = new RouteBytesCache(encodeRoute);
  private readonly tcpStates = new TextBytesCache((text) => Buffer.from(escape(text)));

  write(record: FlowRecordCursor, out: ByteWriter): void {
    const tail = this.routes.get(record.route);
    out.reserve(maxRecordNumberBytes + 32 + tail.length);
    const values = record.values;
    for (let i = 0; i < values.length; i++) {
      if (recordNumberKinds[i] === Kind.DateTime) {
        out.tenDigits(values[i] as number);
      } else {
        out.decimal(values[i] as number);
      }
      out.byte(tab);
    }
    out.smallBytes(this.tcpStates.get(record.tcpState));
    out.bytes(tail);
  }
}

function encodeRoute(route: Route): Uint8Array {
  let text = '';
  for (const column of routeColumns) {
    const value = route.fields[column.name];
    text += '\t' + (typeof value === 'string' ? escape(value) : String(value));
  }
  return Buffer.from(text + '\n');
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
