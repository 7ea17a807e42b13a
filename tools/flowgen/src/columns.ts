// The flows table's columns in the order flowgen writes them. Inserts name their columns, so this
// order need not match the table's: per-record values come first and the per-route values (the same
// for every record of a connection) last, which lets encoders copy a route's bytes in one piece.

export type ColumnType = 'DateTime' | 'UInt8' | 'UInt16' | 'UInt64' | 'String';

export interface FlowColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** Numeric values that change with every record, in the order of FlowRecordCursor.values. */
export const recordNumberColumns = [
  { name: 'timeInserted', type: 'DateTime' },
  { name: 'flowStartSeconds', type: 'DateTime' },
  { name: 'flowEndSeconds', type: 'DateTime' },
  { name: 'flowEndSecondsFromSourceNode', type: 'DateTime' },
  { name: 'flowEndSecondsFromDestinationNode', type: 'DateTime' },
  { name: 'flowEndReason', type: 'UInt8' },
  { name: 'sourceTransportPort', type: 'UInt16' },
  { name: 'packetTotalCount', type: 'UInt64' },
  { name: 'octetTotalCount', type: 'UInt64' },
  { name: 'packetDeltaCount', type: 'UInt64' },
  { name: 'octetDeltaCount', type: 'UInt64' },
  { name: 'reversePacketTotalCount', type: 'UInt64' },
  { name: 'reverseOctetTotalCount', type: 'UInt64' },
  { name: 'reversePacketDeltaCount', type: 'UInt64' },
  { name: 'reverseOctetDeltaCount', type: 'UInt64' },
  { name: 'throughput', type: 'UInt64' },
  { name: 'reverseThroughput', type: 'UInt64' },
  { name: 'throughputFromSourceNode', type: 'UInt64' },
  { name: 'throughputFromDestinationNode', type: 'UInt64' },
  { name: 'reverseThroughputFromSourceNode', type: 'UInt64' },
  { name: 'reverseThroughputFromDestinationNode', type: 'UInt64' },
] as const satisfies readonly FlowColumn[];

/** Index of each per-record number in FlowRecordCursor.values. */
export const Field = Object.fromEntries(recordNumberColumns.map((column, index) => [column.name, index])) as {
  readonly [K in (typeof recordNumberColumns)[number]['name']]: number;
};

/** The one per-record string: conntrack's TCP state. */
export const tcpStateColumn = { name: 'tcpState', type: 'String' } as const satisfies FlowColumn;

/** Values fixed for every record of one route (source, destination, service, policies). */
export const routeColumns = [
  { name: 'sourceIP', type: 'String' },
  { name: 'destinationIP', type: 'String' },
  { name: 'destinationTransportPort', type: 'UInt16' },
  { name: 'protocolIdentifier', type: 'UInt8' },
  { name: 'sourcePodName', type: 'String' },
  { name: 'sourcePodNamespace', type: 'String' },
  { name: 'sourceNodeName', type: 'String' },
  { name: 'destinationPodName', type: 'String' },
  { name: 'destinationPodNamespace', type: 'String' },
  { name: 'destinationNodeName', type: 'String' },
  { name: 'destinationClusterIP', type: 'String' },
  { name: 'destinationServiceIP', type: 'String' },
  { name: 'destinationServicePort', type: 'UInt16' },
  { name: 'destinationServicePortName', type: 'String' },
  { name: 'ingressNetworkPolicyName', type: 'String' },
  { name: 'ingressNetworkPolicyNamespace', type: 'String' },
  { name: 'ingressNetworkPolicyRuleName', type: 'String' },
  { name: 'ingressNetworkPolicyRuleAction', type: 'UInt8' },
  { name: 'ingressNetworkPolicyType', type: 'UInt8' },
  { name: 'egressNetworkPolicyName', type: 'String' },
  { name: 'egressNetworkPolicyNamespace', type: 'String' },
  { name: 'egressNetworkPolicyRuleName', type: 'String' },
  { name: 'egressNetworkPolicyRuleAction', type: 'UInt8' },
  { name: 'egressNetworkPolicyType', type: 'UInt8' },
  { name: 'flowType', type: 'UInt8' },
  { name: 'sourcePodLabels', type: 'String' },
  { name: 'destinationPodLabels', type: 'String' },
  { name: 'clusterUUID', type: 'String' },
  { name: 'egressName', type: 'String' },
  { name: 'egressIP', type: 'String' },
  { name: 'appProtocolName', type: 'String' },
  { name: 'httpVals', type: 'String' },
  { name: 'egressNodeName', type: 'String' },
  { name: 'trusted', type: 'UInt8' },
] as const satisfies readonly FlowColumn[];

export type RecordNumberColumnName = (typeof recordNumberColumns)[number]['name'];
export type RouteColumnName = (typeof routeColumns)[number]['name'];

/** Every column flowgen writes, in wire order: all of the flows table's columns. */
export const flowColumns: readonly FlowColumn[] = [...recordNumberColumns, tcpStateColumn, ...routeColumns];

/** The values of one route's columns. */
export type RouteFields = {
  [K in (typeof routeColumns)[number] as K['name']]: K['type'] extends 'String' ? string : number;
};

/** One flow record as a plain object, keyed by the flows table's column names. */
export type FlowRecord = { [K in RecordNumberColumnName]: number } & { tcpState: string } & RouteFields;
