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

/** How one delimited text format writes a line: its separator and how it protects a string. */
export interface DelimitedTextFormat {
  clickhouseFormat: string;
  separator: ',' | '\t';
  escapeText(text: string): string;
  /** Written once before the first record (CSV's header line), or nothing. */
  header: Uint8Array;
}

/**
 * Delimited text, a line per record: the record's numbers written straight into the output (times as
 * ten-digit unix seconds, the only form newer ClickHouse reads as seconds in CSV and TabSeparated),
 * then its TCP state and its route's text, both encoded once and reused.
 */
export class DelimitedTextEncoder implements FlowEncoder {
  readonly clickhouseFormat: string;
  readonly header: Uint8Array;
  private readonly separator: number;
  private readonly routes: RouteBytesCache;
  private readonly tcpStates: TextBytesCache;

  constructor(format: DelimitedTextFormat) {
    this.clickhouseFormat = format.clickhouseFormat;
    this.header = format.header;
    this.separator = format.separator.charCodeAt(0);
    this.routes = new RouteBytesCache((route) => encodeRoute(route, format));
    this.tcpStates = new TextBytesCache((text) => Buffer.from(format.escapeText(text)));
  }

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
      out.byte(this.separator);
    }
    out.smallBytes(this.tcpStates.get(record.tcpState));
    out.bytes(tail);
  }
}

function encodeRoute(route: Route, format: DelimitedTextFormat): Uint8Array {
  let text = '';
  for (const column of routeColumns) {
    const value = route.fields[column.name];
    text += format.separator + (typeof value === 'string' ? format.escapeText(value) : String(value));
  }
  return Buffer.from(text + '\n');
}
