import { PolicyType } from '../flowlensFacts.ts';

/**
 * The API resources that are network policies, by API group and resource: Kubernetes' own, Antrea's
 * (crd.antrea.io, and the security/core groups of Antrea 1.x), the AdminNetworkPolicy API Antrea
 * implements, and Cilium's (Hubble users run Cilium). policyType uses the flows table's codes, so a
 * change can be matched with the flows its policy decided.
 */
const policyResources: Record<string, Record<string, { kind: string; policyType: number }>> = {
  'networking.k8s.io': { networkpolicies: { kind: 'NetworkPolicy', policyType: PolicyType.k8sNetworkPolicy } },
  'crd.antrea.io': {
    networkpolicies: { kind: 'NetworkPolicy', policyType: PolicyType.antreaNetworkPolicy },
    clusternetworkpolicies: { kind: 'ClusterNetworkPolicy', policyType: PolicyType.antreaClusterNetworkPolicy },
    tiers: { kind: 'Tier', policyType: PolicyType.none },
    clustergroups: { kind: 'ClusterGroup', policyType: PolicyType.none },
    groups: { kind: 'Group', policyType: PolicyType.none },
  },
  'security.antrea.io': {
    networkpolicies: { kind: 'NetworkPolicy', policyType: PolicyType.antreaNetworkPolicy },
    clusternetworkpolicies: { kind: 'ClusterNetworkPolicy', policyType: PolicyType.antreaClusterNetworkPolicy },
    tiers: { kind: 'Tier', policyType: PolicyType.none },
  },
  'core.antrea.io': { clustergroups: { kind: 'ClusterGroup', policyType: PolicyType.none } },
  'policy.networking.k8s.io': {
    adminnetworkpolicies: { kind: 'AdminNetworkPolicy', policyType: PolicyType.none },
    baselineadminnetworkpolicies: { kind: 'BaselineAdminNetworkPolicy', policyType: PolicyType.none },
  },
  'cilium.io': {
    ciliumnetworkpolicies: { kind: 'CiliumNetworkPolicy', policyType: PolicyType.none },
    ciliumclusterwidenetworkpolicies: { kind: 'CiliumClusterwideNetworkPolicy', policyType: PolicyType.none },
  },
};

export function policyResource(apiGroup: string, resource: string): { kind: string; policyType: number } | undefined {
  return policyResources[apiGroup]?.[resource];
}

/** Verbs that change a policy; get, list and watch only read. */
export const changingVerbs = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
