/**
 * The flows table's columns and their kinds (DESIGN.md schema, plus egressNodeName), shared by the
 * builder, ad-hoc filters and the values resource. Same names on ClickHouse and Snowflake.
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
  'egressNodeName',
];

export const flowsColumns: ReadonlyMap<string, ColumnKind> = new Map<string, ColumnKind>([
  ...timeColumns.map((name) => [name, 'time'] as [string, ColumnKind]),
  ...numberColumns.map((name) => [name, 'number'] as [string, ColumnKind]),
  ...stringColumns.map((name) => [name, 'string'] as [string, ColumnKind]),
]);
