import type { Term } from '../builder/vocabulary';

/**
 * The policy recommendation's choices in the user's words. Values are the backend's
 * (backend/src/recommend/recommendOptions.ts); recommendVocabulary.test.ts holds the two together.
 */
export const policyTypes: readonly Term[] = [
  {
    value: 'k8s-np',
    label: 'Kubernetes NetworkPolicy',
    description: 'networking.k8s.io/v1 NetworkPolicies: the pods they select accept and send only what was observed',
  },
  {
    value: 'anp-deny-applied',
    label: 'Antrea, deny where applied',
    description:
      'Antrea NetworkPolicies allow what was observed; baseline ClusterNetworkPolicies reject the rest for the pods they cover',
  },
  {
    value: 'anp-deny-all',
    label: 'Antrea, deny all',
    description:
      'Antrea NetworkPolicies allow what was observed; one baseline ClusterNetworkPolicy rejects the rest for every pod of the covered namespaces',
  },
];

export const granularities: readonly Term[] = [
  { value: 'workload', label: 'Per workload', description: 'One policy per workload (its stable pod labels)' },
  { value: 'namespace', label: 'Per namespace', description: 'One policy for all pods of a namespace' },
];

export const runTypes: readonly Term[] = [
  { value: 'initial', label: 'Initial', description: 'From every observed connection' },
  {
    value: 'subsequent',
    label: 'Subsequent',
    description: 'Only from connections no applied policy covered yet, to add to policies already in place',
  },
];

/** The backend's defaults, shown where a field is left empty. */
export const recommendDefaults = {
  policyType: 'k8s-np',
  granularity: 'workload',
  runType: 'initial',
  allowedNamespaces: ['kube-system', 'flow-aggregator', 'flow-visibility'],
  dropGeneratedLabels: true,
  allowDns: true,
  toServices: true,
  flowLimit: 100_000,
} as const;

/** Antrea types only: Kubernetes NetworkPolicies have no rule that names a Service. */
export const isAntreaType = (policyType: string | undefined) => policyType !== 'k8s-np' && policyType !== undefined;
