import { recordNumberColumns, type ColumnType } from '../columns.ts';
import type { FlowRecordCursor, Route } from '../record.ts';
import type { ByteWriter } from './byteWriter.ts';

/** Turns records into one wire or file format. Sinks pick the encoder they need. */
export interface FlowEncoder {
  /** ClickHouse's name for the format, for `INSERT ... FORMAT`. */
  readonly clickhouseFormat: string;
  /** What a file in this format starts with (CSV's header line); empty for the others. */
  readonly header: Uint8Array;
  write(record: FlowRecordCursor, out: ByteWriter): void;
}

/** The most bytes the per-record numbers can take in any format (ten digits or eight bytes each, plus keys). */
export const maxRecordNumberBytes = recordNumberColumns.reduce((total, column) => total + column.name.length + 24, 0);

export const Kind = { DateTime: 0, UInt8: 1, UInt16: 2, UInt64: 3 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

const kindOf: Record<Exclude<ColumnType, 'String'>, Kind> = {
  DateTime: Kind.DateTime,
  UInt8: Kind.UInt8,
  UInt16: Kind.UInt16,
  UInt64: Kind.UInt64,
};

/** The kind of each per-record number, in FlowRecordCursor.values order. */
export const recordNumberKinds = Uint8Array.from(recordNumberColumns.map((column) => kindOf[column.type]));

/**
 * Each route's bytes, encoded on first use and reused for every later record of the route: most of
 * a record is its route (names, labels, policies), so this is where encoding time is saved.
 */
export class RouteBytesCache {
  private readonly cache = new Map<Route, Uint8Array>();

  constructor(private readonly encodeRoute: (route: Route) => Uint8Array) {}

  get(route: Route): Uint8Array {
    let bytes = this.cache.get(route);
    if (bytes === undefined) {
      bytes = this.encodeRoute(route);
      this.cache.set(route, bytes);
    }
    return bytes;
  }
}

/** The few distinct strings a per-record string column takes (tcpState), each encoded once. */
export class TextBytesCache {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly encodeText: (text: string) => Uint8Array) {}

  get(text: string): Uint8Array {
    let bytes = this.cache.get(text);
    if (bytes === undefined) {
      bytes = this.encodeText(text);
      this.cache.set(text, bytes);
    }
    return bytes;
  }
}
