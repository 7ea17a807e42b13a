import type { FilterOperator } from '../types';

/**
 * The builder's words, in the user's language. Values are the keys the backend's builder knows
 * (backend/src/sql/flowsBuilder.ts); vocabulary.test.ts fails when the two drift apart.
 */
export interface Term {
  value: string;
  label: string;
  description: string;
}

export const views: readonly Term[] = [
  {
    value: 'pod-to-pod',
    label: 'Pod to pod',
    description: 'Traffic between pods inside the cluster, not through a Service',
  },
  { value: 'pod-to-service', label: 'Pod to Service', description: 'Traffic addressed to a Service (ClusterIP)' },
  { value: 'pod-to-external', label: 'Pod to external', description: 'Traffic leaving the cluster' },
  { value: 'node-to-node', label: 'Node to node', description: 'Traffic between the nodes that sent and received it' },
  { value: 'policy', label: 'Policy', description: 'Flows that a NetworkPolicy matched, on ingress or egress' },
  { value: 'all', label: 'All flows', description: 'Every flow record' },
];

export interface MetricTerm extends Term {
  /** Grafana unit of the value column, as the backend sets it. */
  unit: string;
}

export const metrics: readonly MetricTerm[] = [
  { value: 'bytes', label: 'Bytes', description: 'Bytes sent from source to destination', unit: 'bytes' },
  { value: 'reverseBytes', label: 'Reverse bytes', description: 'Bytes of the replies', unit: 'bytes' },
  { value: 'packets', label: 'Packets', description: 'Packets sent from source to destination', unit: 'short' },
  { value: 'reversePackets', label: 'Reverse packets', description: 'Packets of the replies', unit: 'short' },
  {
    value: 'throughput',
    label: 'Throughput (bits/s)',
    description: 'Bytes × 8 ÷ seconds: of the interval for time series, of the whole range for tables',
    unit: 'bps',
  },
  {
    value: 'reverseThroughput',
    label: 'Reverse throughput (bits/s)',
    description: 'Throughput of the replies',
    unit: 'bps',
  },
  { value: 'flowRecords', label: 'Flow records', description: 'Number of flow records exported', unit: 'short' },
  {
    value: 'flowRecordsPerMinute',
    label: 'Flow records per minute',
    description: 'Flow records ÷ minutes: of the interval for time series, of the whole range for tables',
    unit: 'short',
  },
  {
    value: 'connections',
    label: 'Connections',
    description: 'Distinct connections (5-tuple and start time)',
    unit: 'short',
  },
  {
    value: 'endedConnections',
    label: 'Ended connections',
    description: 'Connections with a record that says they ended (idle timeout or end of flow)',
    unit: 'short',
  },
  {
    value: 'openConnections',
    label: 'Open connections',
    description: 'Connections whose records in the range all came on the active timeout: none says it ended',
    unit: 'short',
  },
  {
    value: 'pods',
    label: 'Pods',
    description: 'Distinct pods at either end of the flows (namespace/pod)',
    unit: 'short',
  },
  { value: 'nodes', label: 'Nodes', description: 'Distinct nodes at either end of the flows', unit: 'short' },
  {
    value: 'policies',
    label: 'NetworkPolicies',
    description: 'Distinct NetworkPolicies that matched the flows, ingress or egress',
    unit: 'short',
  },
  {
    value: 'services',
    label: 'Services',
    description: 'Distinct Services the flows were addressed to (by ClusterIP)',
    unit: 'short',
  },
  {
    value: 'newestRecords',
    label: 'Newest flow records',
    description: 'The records themselves, newest first, as a table: Top N of them (10,000 when empty); no grouping',
    unit: 'none',
  },
];

/** The metric that lists records instead of measuring them: it takes no groups. */
export const listingMetric = 'newestRecords';

export type GroupFieldKind = 'string' | 'number';

export interface GroupFieldTerm extends Term {
  kind: GroupFieldKind;
  /** The flows column holding the same values, for value suggestions; absent when the field is computed. */
  column?: string;
}

export const groupFields: readonly GroupFieldTerm[] = [
  {
    value: 'sourcePod',
    label: 'Source pod',
    description: 'namespace/pod of the sender, or its IP outside the cluster',
    kind: 'string',
  },
  {
    value: 'destinationPod',
    label: 'Destination pod',
    description: 'namespace/pod of the receiver, or its IP outside the cluster',
    kind: 'string',
  },
  {
    value: 'sourceNamespace',
    label: 'Source namespace',
    description: 'sourcePodNamespace',
    kind: 'string',
    column: 'sourcePodNamespace',
  },
  {
    value: 'destinationNamespace',
    label: 'Destination namespace',
    description: 'destinationPodNamespace',
    kind: 'string',
    column: 'destinationPodNamespace',
  },
  {
    value: 'sourceNode',
    label: 'Source node',
    description: 'sourceNodeName',
    kind: 'string',
    column: 'sourceNodeName',
  },
  {
    value: 'destinationNode',
    label: 'Destination node',
    description: 'destinationNodeName',
    kind: 'string',
    column: 'destinationNodeName',
  },
  {
    value: 'destinationService',
    label: 'Destination Service',
    description: 'namespace/service:port',
    kind: 'string',
    column: 'destinationServicePortName',
  },
  {
    value: 'destinationPort',
    label: 'Destination port',
    description: 'destinationTransportPort',
    kind: 'number',
    column: 'destinationTransportPort',
  },
  {
    value: 'destinationIP',
    label: 'Destination IP',
    description: 'destinationIP',
    kind: 'string',
    column: 'destinationIP',
  },
  { value: 'sourceIP', label: 'Source IP', description: 'sourceIP', kind: 'string', column: 'sourceIP' },
  {
    value: 'protocol',
    label: 'Protocol',
    description: 'IP protocol number: 6 TCP, 17 UDP, 1 ICMP',
    kind: 'number',
    column: 'protocolIdentifier',
  },
  {
    value: 'ingressPolicy',
    label: 'Ingress policy',
    description: 'namespace/name of the ingress policy',
    kind: 'string',
  },
  { value: 'egressPolicy', label: 'Egress policy', description: 'namespace/name of the egress policy', kind: 'string' },
  {
    value: 'ingressRuleAction',
    label: 'Ingress rule action',
    description: '0 none, 1 allow, 2 drop, 3 reject',
    kind: 'number',
    column: 'ingressNetworkPolicyRuleAction',
  },
  {
    value: 'egressRuleAction',
    label: 'Egress rule action',
    description: '0 none, 1 allow, 2 drop, 3 reject',
    kind: 'number',
    column: 'egressNetworkPolicyRuleAction',
  },
  {
    value: 'ruleAction',
    label: 'Rule action',
    description: 'The deciding action: a drop or reject on either side wins over an allow',
    kind: 'number',
  },
  {
    value: 'flowType',
    label: 'Flow type',
    description: '1 intra-node, 2 inter-node, 3 to external, 4 from external',
    kind: 'number',
    column: 'flowType',
  },
  { value: 'cluster', label: 'Cluster', description: 'clusterUUID', kind: 'string', column: 'clusterUUID' },
];

export interface OperatorTerm {
  value: FilterOperator;
  label: string;
  description: string;
  /** Takes a list of values rather than one. */
  list: boolean;
}

export const operators: readonly OperatorTerm[] = [
  { value: '=', label: '=', description: 'equals (a multi-value variable means any of its values)', list: false },
  { value: '!=', label: '!=', description: 'differs from', list: false },
  { value: 'in', label: 'in', description: 'one of a list', list: true },
  { value: 'not in', label: 'not in', description: 'none of a list', list: true },
  { value: '=~', label: '=~', description: 'matches a regular expression', list: false },
  { value: '!~', label: '!~', description: 'does not match a regular expression', list: false },
  { value: '<', label: '<', description: 'less than', list: false },
  { value: '>', label: '>', description: 'greater than', list: false },
  { value: '<=', label: '<=', description: 'at most', list: false },
  { value: '>=', label: '>=', description: 'at least', list: false },
];

export function isListOperator(operator: string): boolean {
  return operators.some((term) => term.value === operator && term.list);
}
