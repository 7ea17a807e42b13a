/**
 * The flows table's columns and their kinds (DESIGN.md schema, plus the columns later Antrea releases
 * write: destinationServiceIP, appProtocolName, httpVals, egressNodeName), shared by the builder,
 * ad-hoc filters and the values resource. Same names on ClickHouse and Snowflake. A table made by
 * Theia may lack the newer ones; queries naming them then fail with the database's error.
 */
export type ColumnKind = 'string' | 'number' | 'time';

const timeColumns = [
  'timeInserted',
  'flowStartSeconds',
  'flowEndSeconds',
  'flowEndSecondsFromSourceNode',
  'flowEndSecondsFromDestinationNode',
];
const numberColumns = [
  'flowEndReason',
  'sourceTransportPort',
  'destinationTransportPort',
  'protocolIdentifier',
  'packetTotalCount',
  'octetTotalCount',
  'packetDeltaCount',
  'octetDeltaCount',
  'reversePacketTotalCount',
  'reverseOctetTotalCount',
  'reversePacketDeltaCount',
  'reverseOctetDeltaCount',
  'destinationServicePort',
  'ingressNetworkPolicyRuleAction',
  'ingressNetworkPolicyType',
  'egressNetworkPolicyRuleAction',
  'egressNetworkPolicyType',
  'flowType',
  'throughput',
  'reverseThroughput',
  'throughputFromSourceNode',
  'throughputFromDestinationNode',
  'reverseThroughputFromSourceNode',
  'reverseThroughputFromDestinationNode',
  'trusted',
];
const stringColumns = [
  'sourceIP',
  'destinationIP',
  'sourcePodName',
  'sourcePodNamespace',
  'sourceNodeName',
  'destinationPodName',
  'destinationPodNamespace',
  'destinationNodeName',
  'destinationClusterIP',
  'destinationServiceIP',
  'destinationServicePortName',
  'ingressNetworkPolicyName',
  'ingressNetworkPolicyNamespace',
  'ingressNetworkPolicyRuleName',
  'egressNetworkPolicyName',
  'egressNetworkPolicyNamespace',
  'egressNetworkPolicyRuleName',
  'tcpState',
  'sourcePodLabels',
  'destinationPodLabels',
  'clusterUUID',
  'egressName',
  'egressIP',
  'appProtocolName',
  'httpVals',
  'egressNodeName',
];

export const flowsColumns: ReadonlyMap<string, ColumnKind> = new Map<string, ColumnKind>([
  ...timeColumns.map((name) => [name, 'time'] as [string, ColumnKind]),
  ...numberColumns.map((name) => [name, 'number'] as [string, ColumnKind]),
  ...stringColumns.map((name) => [name, 'string'] as [string, ColumnKind]),
]);
