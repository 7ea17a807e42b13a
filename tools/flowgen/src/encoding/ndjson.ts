import { recordNumberColumns, routeColumns, tcpStateColumn } from '../columns.ts';
import type { FlowRecordCursor, Route } from '../record.ts';
import type { ByteWriter } from './byteWriter.ts';
import { maxRecordNumberBytes, RouteBytesCache, TextBytesCache, type FlowEncoder } from './encoder.ts';

/**
 * One JSON object per line, keyed by column name (ClickHouse's JSONEachRow). Times are unix seconds
 * and counters plain numbers: exact, since flowgen's counters stay far below 2^53.
 */
export class NdjsonEncoder implements FlowEncoder {
  readonly clickhouseFormat = 'JSONEachRow';
  readonly header = new Uint8Array(0);
  private readonly keys = recordNumberColumns.map((column, index) =>
    Buffer.from(`${index === 0 ? '{' : ','}${JSON.stringify(column.name)}:`)
  );
  private readonly routes = new RouteBytesCache(encodeRoute);
  private readonly tcpStates = new TextBytesCache((text) =>
    Buffer.from(`,${JSON.stringify(tcpStateColumn.name)}:${JSON.stringify(text)}`)
  );

  write(record: FlowRecordCursor, out: ByteWriter): void {
    const tail = this.routes.get(record.route);
    out.reserve(maxRecordNumberBytes + 64 + tail.length);
    const values = record.values;
    for (let i = 0; i < values.length; i++) {
      out.bytes(this.keys[i] as Uint8Array);
      out.decimal(values[i] as number);
    }
    out.smallBytes(this.tcpStates.get(record.tcpState));
    out.bytes(tail);
  }
}

function encodeRoute(route: Route): Uint8Array {
  let text = '';
  for (const column of routeColumns) {
    text += `,${JSON.stringify(column.name)}:${JSON.stringify(route.fields[column.name])}`;
  }
  return Buffer.from(text + '}\n');
}
