import type { Json } from './grafanaJson.ts';

/** Value mappings for the numeric codes of the Antrea flow schema (DESIGN.md), with colours where they help. */
function valueMapping(entries: Array<[number, string, string?]>): Json {
  return {
    type: 'value',
    options: Object.fromEntries(
      entries.map(([code, text, color], index) => [String(code), { text, index, ...(color ? { color } : {}) }])
    ),
  };
}

export const flowTypeMapping = valueMapping([
  [1, 'Intra-node'],
  [2, 'Inter-node'],
  [3, 'To external'],
  [4, 'From external'],
]);

export const ruleActionMapping = valueMapping([
  [0, 'No policy', 'text'],
  [1, 'Allow', 'green'],
  [2, 'Drop', 'red'],
  [3, 'Reject', 'dark-red'],
]);

export const policyTypeMapping = valueMapping([
  [0, 'None'],
  [1, 'K8s NetworkPolicy'],
  [2, 'Antrea NetworkPolicy'],
  [3, 'Antrea ClusterNetworkPolicy'],
]);

export const flowEndReasonMapping = valueMapping([
  [1, 'Idle timeout'],
  [2, 'Active timeout'],
  [3, 'End of flow'],
]);

export const protocolMapping = valueMapping([
  [1, 'ICMP'],
  [6, 'TCP'],
  [17, 'UDP'],
  [58, 'ICMPv6'],
  [132, 'SCTP'],
]);
