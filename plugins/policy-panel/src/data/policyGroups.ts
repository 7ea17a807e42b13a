import { type PolicyGroup, type ReviewedPolicy } from './types';

export const clusterWideTitle = 'Cluster-wide';

/**
 * Policies by namespace, namespaces in alphabetical order, cluster-scoped policies (Antrea
 * ClusterNetworkPolicies) last in a group of their own. Inside a group the recommendation's order
 * stays: it puts allow policies before the deny policies that rely on them.
 */
export function groupPolicies(policies: ReviewedPolicy[]): PolicyGroup[] {
  const byNamespace = new Map<string, ReviewedPolicy[]>();
  for (const policy of policies) {
    const group = byNamespace.get(policy.namespace) ?? [];
    group.push(policy);
    byNamespace.set(policy.namespace, group);
  }
  return [...byNamespace.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([namespace, members]) => ({
      namespace,
      title: namespace === '' ? clusterWideTitle : namespace,
      policies: members,
    }));
}
