/**
 * The flows table's columns (DESIGN.md "Flow record schema"), known before any schema request so the
 * builder's filter keys and the editor's hints work offline. Same names on ClickHouse and Snowflake
 * (which reports them upper-case). flowsColumns.test.ts holds this list equal to the backend's.
 */
export type ColumnKind = 'string' | 'number' | 'time';

export interface FlowsColumn {
  name: string;
  kind: ColumnKind;
  /** What the codes mean, for hovers and completion details. */
  meaning?: string;
}

const ruleActions = '0 none, 1 allow, 2 drop, 3 reject';
const policyTypes = '0 none, 1 K8s NetworkPolicy, 2 Antrea NetworkPolicy, 3 Antrea ClusterNetworkPolicy';
const bitsPerSecond = 'bits/s, as exported; dashboards compute throughput from octetDeltaCount instead';

const time = (name: string, meaning?: string): FlowsColumn => ({ name, kind: 'time', meaning });
const number = (name: string, meaning?: string): FlowsColumn => ({ name, kind: 'number', meaning });
const text = (name: string, meaning?: string): FlowsColumn => ({ name, kind: 'string', meaning });

export const flowsColumns: readonly FlowsColumn[] = [
  time('timeInserted', 'when the record reached the database'),
  time('flowStartSeconds'),
  time('flowEndSeconds', 'end of the export interval: the column to filter time on'),
  time('flowEndSecondsFromSourceNode'),
  time('flowEndSecondsFromDestinationNode'),
  number('flowEndReason', '1 idle timeout, 2 active timeout, 3 end of flow'),
  text('sourceIP'),
  text('destinationIP'),
  number('sourceTransportPort'),
  number('destinationTransportPort'),
  number('protocolIdentifier', '6 TCP, 17 UDP, 1 ICMP'),
  number('packetTotalCount', 'packets since the flow started'),
  number('octetTotalCount', 'bytes since the flow started'),
  number('packetDeltaCount', 'packets in this record: sum these'),
  number('octetDeltaCount', 'bytes in this record: sum these'),
  number('reversePacketTotalCount'),
  number('reverseOctetTotalCount'),
  number('reversePacketDeltaCount'),
  number('reverseOctetDeltaCount'),
  text('sourcePodName'),
  text('sourcePodNamespace'),
  text('sourceNodeName'),
  text('destinationPodName'),
  text('destinationPodNamespace'),
  text('destinationNodeName'),
  text('destinationClusterIP', 'the Service IP the flow was sent to, for traffic through a Service'),
  text('destinationServiceIP', 'Antrea 2.7+ name for destinationClusterIP, same value'),
  number('destinationServicePort'),
  text('destinationServicePortName', 'namespace/service:port'),
  text('ingressNetworkPolicyName'),
  text('ingressNetworkPolicyNamespace'),
  text('ingressNetworkPolicyRuleName'),
  number('ingressNetworkPolicyRuleAction', ruleActions),
  number('ingressNetworkPolicyType', policyTypes),
  text('egressNetworkPolicyName'),
  text('egressNetworkPolicyNamespace'),
  text('egressNetworkPolicyRuleName'),
  number('egressNetworkPolicyRuleAction', ruleActions),
  number('egressNetworkPolicyType', policyTypes),
  text('tcpState'),
  number('flowType', '1 intra-node, 2 inter-node, 3 to external, 4 from external'),
  text('sourcePodLabels', 'JSON object'),
  text('destinationPodLabels', 'JSON object'),
  number('throughput', bitsPerSecond),
  number('reverseThroughput', bitsPerSecond),
  number('throughputFromSourceNode', bitsPerSecond),
  number('throughputFromDestinationNode', bitsPerSecond),
  number('reverseThroughputFromSourceNode', bitsPerSecond),
  number('reverseThroughputFromDestinationNode', bitsPerSecond),
  text('clusterUUID'),
  text('egressName'),
  text('egressIP'),
  text('appProtocolName', 'application protocol from L7 flow export, e.g. http (Antrea 1.15 to 2.5)'),
  text('httpVals', 'HTTP transactions as JSON, from L7 flow export (Antrea 1.15 to 2.5)'),
  text('egressNodeName', 'the Node of the Egress that SNATed the flow (Antrea 2.0+)'),
  number('trusted'),
];

const byLowerName = new Map(flowsColumns.map((column) => [column.name.toLowerCase(), column]));

/** The known column whatever case the engine reports (Snowflake: FLOWENDSECONDS). */
export function knownFlowsColumn(name: string): FlowsColumn | undefined {
  return byLowerName.get(name.toLowerCase());
}
