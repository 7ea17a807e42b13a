/**
 * The numeric codes Antrea's flow exporter writes, each with a name for code and a label for people
 * (dashboards' value mappings, the editor's hovers). Lists run in code order.
 */
export interface FlowCode {
  readonly code: number;
  readonly name: string;
  readonly label: string;
}

/** `{ name: code }` for writing codes in TypeScript, e.g. `RuleAction.drop`. */
export type CodesByName<List extends readonly FlowCode[]> = {
  readonly [Entry in List[number] as Entry['name']]: Entry['code'];
};

function byName<const List extends readonly FlowCode[]>(list: List): CodesByName<List> {
  return Object.fromEntries(list.map((entry) => [entry.name, entry.code])) as CodesByName<List>;
}

export const flowTypes = [
  { code: 1, name: 'intraNode', label: 'Intra-node' },
  { code: 2, name: 'interNode', label: 'Inter-node' },
  { code: 3, name: 'toExternal', label: 'To external' },
  { code: 4, name: 'fromExternal', label: 'From external' },
] as const satisfies readonly FlowCode[];
export const FlowType = byName(flowTypes);
export type FlowType = (typeof flowTypes)[number]['code'];

export const ruleActions = [
  { code: 0, name: 'none', label: 'No policy' },
  { code: 1, name: 'allow', label: 'Allow' },
  { code: 2, name: 'drop', label: 'Drop' },
  { code: 3, name: 'reject', label: 'Reject' },
] as const satisfies readonly FlowCode[];
export const RuleAction = byName(ruleActions);
export type RuleAction = (typeof ruleActions)[number]['code'];

export const policyTypes = [
  { code: 0, name: 'none', label: 'None' },
  { code: 1, name: 'k8sNetworkPolicy', label: 'K8s NetworkPolicy' },
  { code: 2, name: 'antreaNetworkPolicy', label: 'Antrea NetworkPolicy' },
  { code: 3, name: 'antreaClusterNetworkPolicy', label: 'Antrea ClusterNetworkPolicy' },
] as const satisfies readonly FlowCode[];
export const PolicyType = byName(policyTypes);
export type PolicyType = (typeof policyTypes)[number]['code'];

export const flowEndReasons = [
  { code: 1, name: 'idleTimeout', label: 'Idle timeout' },
  { code: 2, name: 'activeTimeout', label: 'Active timeout' },
  { code: 3, name: 'endOfFlow', label: 'End of flow' },
] as const satisfies readonly FlowCode[];
export const FlowEndReason = byName(flowEndReasons);
export type FlowEndReason = (typeof flowEndReasons)[number]['code'];

/** IANA protocol numbers of the traffic Kubernetes carries. */
export const protocols = [
  { code: 1, name: 'icmp', label: 'ICMP' },
  { code: 6, name: 'tcp', label: 'TCP' },
  { code: 17, name: 'udp', label: 'UDP' },
  { code: 58, name: 'icmpv6', label: 'ICMPv6' },
  { code: 132, name: 'sctp', label: 'SCTP' },
] as const satisfies readonly FlowCode[];
export const Protocol = byName(protocols);
export type Protocol = (typeof protocols)[number]['code'];

/** "0 No policy, 1 Allow, …": a code list in one line, for hovers and column descriptions. */
export function describeCodes(list: readonly FlowCode[]): string {
  return list.map((entry) => `${entry.code} ${entry.label}`).join(', ');
}
