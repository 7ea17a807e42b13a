/**
 * The names a record gives the things at its two ends, as portable SQL: what the builder groups by
 * and what its either-end counts count.
 */
export type Side = 'source' | 'destination';
export type Direction = 'ingress' | 'egress';

/** namespace/pod, or '' for an address outside the cluster. */
export const podName = (side: Side) =>
  `CASE WHEN ${side}PodName = '' THEN '' ELSE ${side}PodNamespace || '/' || ${side}PodName END`;

/** namespace/pod, or the IP outside the cluster. */
export const endpointName = (side: Side) =>
  `CASE WHEN ${side}PodName = '' THEN ${side}IP ELSE ${side}PodNamespace || '/' || ${side}PodName END`;

/** namespace/name; a cluster-wide policy (Antrea ClusterNetworkPolicy) has no namespace, so just the name. */
export const policyName = (direction: Direction) =>
  `CASE WHEN ${direction}NetworkPolicyName = '' OR ${direction}NetworkPolicyNamespace = '' THEN ${direction}NetworkPolicyName ELSE ${direction}NetworkPolicyNamespace || '/' || ${direction}NetworkPolicyName END`;
