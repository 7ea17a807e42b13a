// The numeric codes Antrea's flow exporter writes (DESIGN.md, "Flow record schema").

export const FlowType = { intraNode: 1, interNode: 2, toExternal: 3, fromExternal: 4 } as const;
export type FlowType = (typeof FlowType)[keyof typeof FlowType];

export const RuleAction = { none: 0, allow: 1, drop: 2, reject: 3 } as const;
export type RuleAction = (typeof RuleAction)[keyof typeof RuleAction];

export const PolicyType = {
  none: 0,
  k8sNetworkPolicy: 1,
  antreaNetworkPolicy: 2,
  antreaClusterNetworkPolicy: 3,
} as const;
export type PolicyType = (typeof PolicyType)[keyof typeof PolicyType];

export const FlowEndReason = { idleTimeout: 1, activeTimeout: 2, endOfFlow: 3 } as const;
export type FlowEndReason = (typeof FlowEndReason)[keyof typeof FlowEndReason];

export const Protocol = { icmp: 1, tcp: 6, udp: 17 } as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];
