import { describeCodes, flowEndReasons, flowTypes, policyTypes, protocols, ruleActions } from './codes.ts';

/**
 * The flows table's columns in the table's order (provisioning/clickhouse/01-flows.sql): Theia's
 * schema plus what later Antrea releases insert (appProtocolName, httpVals, egressNodeName,
 * destinationServiceIP). Same names on ClickHouse and Snowflake, which reports them upper-case.
 * `type` is the ClickHouse type; Snowflake's are in docs/schema.md.
 */
export type ColumnType = 'DateTime' | 'UInt8' | 'UInt16' | 'UInt64' | 'String';

/** How the editors and filters treat a column: compare as text, as a number, or as a time. */
export type ColumnKind = 'string' | 'number' | 'time';

export interface FlowColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly kind: ColumnKind;
  /** What the values mean, for hovers and completion details. */
  readonly meaning?: string;
}

export function columnKind(type: ColumnType): ColumnKind {
  if (type === 'DateTime') {
    return 'time';
  }
  return type === 'String' ? 'string' : 'number';
}

function column<const Name extends string, const Type extends ColumnType>(
  name: Name,
  type: Type,
  meaning?: string
): FlowColumn & { readonly name: Name; readonly type: Type } {
  return { name, type, kind: columnKind(type), meaning };
}

const ruleAction = describeCodes(ruleActions);
const policyType = describeCodes(policyTypes);
const bitsPerSecond = 'bits/s, as exported; dashboards compute throughput from octetDeltaCount instead';

export const flowColumns = [
  column('timeInserted', 'DateTime', 'when the record reached the database'),
  column('flowStartSeconds', 'DateTime'),
  column('flowEndSeconds', 'DateTime', 'end of the export interval: the column to filter time on'),
  column('flowEndSecondsFromSourceNode', 'DateTime'),
  column('flowEndSecondsFromDestinationNode', 'DateTime'),
  column('flowEndReason', 'UInt8', describeCodes(flowEndReasons)),
  column('sourceIP', 'String'),
  column('destinationIP', 'String'),
  column('sourceTransportPort', 'UInt16'),
  column('destinationTransportPort', 'UInt16'),
  column('protocolIdentifier', 'UInt8', describeCodes(protocols)),
  column('packetTotalCount', 'UInt64', 'packets since the flow started'),
  column('octetTotalCount', 'UInt64', 'bytes since the flow started'),
  column('packetDeltaCount', 'UInt64', 'packets in this record: sum these'),
  column('octetDeltaCount', 'UInt64', 'bytes in this record: sum these'),
  column('reversePacketTotalCount', 'UInt64'),
  column('reverseOctetTotalCount', 'UInt64'),
  column('reversePacketDeltaCount', 'UInt64'),
  column('reverseOctetDeltaCount', 'UInt64'),
  column('sourcePodName', 'String'),
  column('sourcePodNamespace', 'String'),
  column('sourceNodeName', 'String'),
  column('destinationPodName', 'String'),
  column('destinationPodNamespace', 'String'),
  column('destinationNodeName', 'String'),
  column('destinationClusterIP', 'String', 'the Service IP the flow was sent to, for traffic through a Service'),
  column('destinationServiceIP', 'String', 'Antrea 2.7+ name for destinationClusterIP, same value'),
  column('destinationServicePort', 'UInt16'),
  column('destinationServicePortName', 'String', 'namespace/service:port'),
  column('ingressNetworkPolicyName', 'String'),
  column('ingressNetworkPolicyNamespace', 'String'),
  column('ingressNetworkPolicyRuleName', 'String'),
  column('ingressNetworkPolicyRuleAction', 'UInt8', ruleAction),
  column('ingressNetworkPolicyType', 'UInt8', policyType),
  column('egressNetworkPolicyName', 'String'),
  column('egressNetworkPolicyNamespace', 'String'),
  column('egressNetworkPolicyRuleName', 'String'),
  column('egressNetworkPolicyRuleAction', 'UInt8', ruleAction),
  column('egressNetworkPolicyType', 'UInt8', policyType),
  column('tcpState', 'String'),
  column('flowType', 'UInt8', describeCodes(flowTypes)),
  column('sourcePodLabels', 'String', 'JSON object'),
  column('destinationPodLabels', 'String', 'JSON object'),
  column('throughput', 'UInt64', bitsPerSecond),
  column('reverseThroughput', 'UInt64', bitsPerSecond),
  column('throughputFromSourceNode', 'UInt64', bitsPerSecond),
  column('throughputFromDestinationNode', 'UInt64', bitsPerSecond),
  column('reverseThroughputFromSourceNode', 'UInt64', bitsPerSecond),
  column('reverseThroughputFromDestinationNode', 'UInt64', bitsPerSecond),
  column('clusterUUID', 'String'),
  column('egressName', 'String'),
  column('egressIP', 'String'),
  column('appProtocolName', 'String', 'application protocol from L7 flow export, e.g. http (Antrea 1.15 to 2.5)'),
  column('httpVals', 'String', 'HTTP transactions as JSON, from L7 flow export (Antrea 1.15 to 2.5)'),
  column('egressNodeName', 'String', 'the Node of the Egress that SNATed the flow (Antrea 2.0+)'),
  column('trusted', 'UInt8'),
] as const;

export type FlowColumnName = (typeof flowColumns)[number]['name'];

/** The column's type by name, e.g. `FlowColumnType<'trusted'>` is `'UInt8'`. */
export type FlowColumnType<Name extends FlowColumnName> = Extract<(typeof flowColumns)[number], { name: Name }>['type'];

/** Each column's kind by its exact name, for builders and filters that accept only flows columns. */
export const flowColumnKinds: ReadonlyMap<string, ColumnKind> = new Map(
  flowColumns.map((column) => [column.name, column.kind])
);

const byLowerName = new Map<string, FlowColumn>(flowColumns.map((column) => [column.name.toLowerCase(), column]));

/** The known column whatever case the engine reports (Snowflake: FLOWENDSECONDS). */
export function knownFlowColumn(name: string): FlowColumn | undefined {
  return byLowerName.get(name.toLowerCase());
}
