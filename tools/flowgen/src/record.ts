import { Field, recordNumberColumns, routeColumns, type FlowRecord, type RouteFields } from './columns.ts';
import { compileEquality, compilePick, compileValuesReader } from './propertyAccessors.ts';

const routeColumnNames = routeColumns.map((column) => column.name);
const readRecordNumbers = compileValuesReader<Float64Array>(recordNumberColumns.map((column) => column.name));
const sameRouteFields = compileEquality(routeColumnNames);
const routeFieldsOf = compilePick<RouteFields>(routeColumnNames);

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

/** A copy of the record as a plain object; written out key by key so every copy shares one shape. */
export function toFlowRecord(cursor: FlowRecordCursor): FlowRecord {
  const v = cursor.values;
  const route = cursor.route.fields;
  return {
    timeInserted: v[Field.timeInserted] as number,
    flowStartSeconds: v[Field.flowStartSeconds] as number,
    flowEndSeconds: v[Field.flowEndSeconds] as number,
    flowEndSecondsFromSourceNode: v[Field.flowEndSecondsFromSourceNode] as number,
    flowEndSecondsFromDestinationNode: v[Field.flowEndSecondsFromDestinationNode] as number,
    flowEndReason: v[Field.flowEndReason] as number,
    sourceTransportPort: v[Field.sourceTransportPort] as number,
    packetTotalCount: v[Field.packetTotalCount] as number,
    octetTotalCount: v[Field.octetTotalCount] as number,
    packetDeltaCount: v[Field.packetDeltaCount] as number,
    octetDeltaCount: v[Field.octetDeltaCount] as number,
    reversePacketTotalCount: v[Field.reversePacketTotalCount] as number,
    reverseOctetTotalCount: v[Field.reverseOctetTotalCount] as number,
    reversePacketDeltaCount: v[Field.reversePacketDeltaCount] as number,
    reverseOctetDeltaCount: v[Field.reverseOctetDeltaCount] as number,
    throughput: v[Field.throughput] as number,
    reverseThroughput: v[Field.reverseThroughput] as number,
    throughputFromSourceNode: v[Field.throughputFromSourceNode] as number,
    throughputFromDestinationNode: v[Field.throughputFromDestinationNode] as number,
    reverseThroughputFromSourceNode: v[Field.reverseThroughputFromSourceNode] as number,
    reverseThroughputFromDestinationNode: v[Field.reverseThroughputFromDestinationNode] as number,
    tcpState: cursor.tcpState,
    ...route,
  };
}

/**
 * Points a cursor at a plain record (the inverse of toFlowRecord), so records that come from outside
 * (flowlens-ingest) go through the same encoders. Records with equal route fields share one route
 * object from `routes`, so encoders encode each route once, as they do for generated records.
 */
export function fillCursor(cursor: FlowRecordCursor, record: FlowRecord, routes: RouteInterner): void {
  readRecordNumbers(record, cursor.values);
  cursor.tcpState = record.tcpState;
  cursor.route = routes.routeOf(record);
}

/**
 * One route object per distinct set of route fields, for records from outside. Bounded: past
 * `capacity` routes it starts afresh (encoders then see new objects; use one encoder per batch).
 */
export class RouteInterner {
  // Routes by their addresses and destination port, each bucket then compared field by field. A key of
  // every route field (labels are most of a record's bytes) cost more to build and hash than the rest
  // of the record's encoding; equal strings compare quickly, and a bucket rarely holds more than one.
  private readonly buckets = new Map<string, Route[]>();
  private size = 0;

  constructor(private readonly capacity = 100_000) {}

  routeOf(record: FlowRecord): Route {
    const key = `${record.sourceIP} ${record.destinationIP} ${record.destinationTransportPort}`;
    let bucket = this.buckets.get(key);
    if (bucket !== undefined) {
      for (const route of bucket) {
        if (sameRouteFields(route.fields, record)) return route;
      }
    }
    if (this.size >= this.capacity) {
      this.buckets.clear();
      this.size = 0;
      bucket = undefined;
    }
    const route: Route = {
      fields: routeFieldsOf(record),
      exporterPollOffset: 0,
      sourceIsExternal: false,
      seenByDestinationNode: true,
    };
    if (bucket === undefined) this.buckets.set(key, [route]);
    else bucket.push(route);
    this.size++;
    return route;
  }
}
