import { contentDigest, type Workload } from './workloads.ts';

/**
 * Policy names derived from what the policy is about, never random: the same flows give the same
 * names, so a GitOps diff shows only real changes. Kubernetes names are DNS subdomains (≤ 253
 * characters of a-z, 0-9, '-' and '.'); we keep them well under that.
 */
export function allowPolicyName(workload: Workload): string {
  return `flowlens-${dnsLabel(workload.name)}-${contentDigest(workload.key)}`;
}

/** Cluster-scoped, so the namespace is part of the name. */
export function denyPolicyName(workload: Workload): string {
  return `flowlens-deny-${dnsLabel(workload.namespace)}-${dnsLabel(workload.name)}-${contentDigest(workload.key)}`;
}

export function allowNamespacePolicyName(namespace: string): string {
  return `flowlens-allow-namespace-${dnsLabel(namespace)}`;
}

export const denyAllPolicyName = 'flowlens-deny-all';

function dnsLabel(text: string): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return label || 'pods';
}
