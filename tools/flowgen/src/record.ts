import { Field, recordNumberColumns, routeColumns, type FlowRecord, type RouteFields } from './columns.ts';

/**
 * The fixed part of a connection's records: who talks to whom through which service, which policies
 * decided, and where the flow goes. Records of one route share these bytes, so encoders cache them.
 */
export interface Route {
  readonly fields: RouteFields;
  /** The node whose flow exporter reports this route; its poll ticks decide when records appear. */
  readonly exporterPollOffset: number;
  readonly sourceIsExternal: boolean;
  /** False when the destination node never sees the traffic: external destinations, egress drops. */
  readonly seenByDestinationNode: boolean;
}

/**
 * One record being written. The simulation reuses a single cursor for every record, so the hot path
 * allocates nothing per row; copy it (toFlowRecord) to keep it.
 */
export class FlowRecordCursor {
  /** Per-record numbers, indexed by Field (the order of recordNumberColumns). */
  readonly values = new Float64Array(recordNumberColumns.length);
  tcpState = '';
  route!: Route;

  get timeInserted(): number {
    return this.values[Field.timeInserted] as number;
  }
}

export function toFlowRecord(cursor: FlowRecordCursor): FlowRecord {
  const record: Record<string, number | string> = {};
  recordNumberColumns.forEach((column, index) => {
    record[column.name] = cursor.values[index] as number;
  });
  record.tcpState = cursor.tcpState;
  for (const column of routeColumns) {
    record[column.name] = cursor.route.fields[column.name];
  }
  return record as FlowRecord;
}
