import type { PeerRule, WorkloadRules } from './connectionRules.ts';
import { allowNamespacePolicyName, allowPolicyName, denyAllPolicyName, denyPolicyName } from './policyNames.ts';
import { dnsPorts, kubeDnsPeer, namespaceSelector, podSelector, policyPorts, selectorPeer } from './policyPeers.ts';
import {
  namespaceNameLabel,
  recommendedByLabel,
  type AntreaClusterNetworkPolicy,
  type AntreaNetworkPolicy,
  type AntreaRule,
} from './policyTypes.ts';
import type { RecommendOptions } from './recommendOptions.ts';

/**
 * Antrea-native policies (crd.antrea.io/v1beta1). Antrea policies do not isolate pods by themselves:
 * allow rules live in the Application tier, and the default deny is an explicit Reject in the Baseline
 * tier, after Kubernetes NetworkPolicies, so a developer's own NetworkPolicy can still open more.
 */
const priority = 5;
const icmp = 1;

export function antreaAllowPolicy(rules: WorkloadRules, allowDns: boolean, notes: string[]): AntreaNetworkPolicy {
  const { workload } = rules;
  const convert =
    (direction: 'ingress' | 'egress') =>
    (rule: PeerRule): Array<Omit<AntreaRule, 'name'>> => {
      if (rule.peer.kind === 'service') {
        return [{ action: 'Allow', toServices: [{ name: rule.peer.name, namespace: rule.peer.namespace }] }];
      }
      const peer = selectorPeer(rule.peer)!;
      const side = direction === 'ingress' ? { from: [peer] } : { to: [peer] };
      const { ports, otherProtocols } = policyPorts(rule.ports);
      const converted: Array<Omit<AntreaRule, 'name'>> = ports.length > 0 ? [{ action: 'Allow', ...side, ports }] : [];
      if (otherProtocols.includes(icmp)) converted.push({ action: 'Allow', ...side, protocols: [{ icmp: {} }] });
      const unnamed = otherProtocols.filter((protocol) => protocol !== icmp);
      if (unnamed.length > 0) {
        notes.push(
          `${workload.namespace}/${workload.name}: protocol(s) ${unnamed.join(', ')} have no Antrea port or protocol field, so one rule allows every protocol with that peer.`
        );
        converted.push({ action: 'Allow', ...side });
      }
      return converted;
    };
  const named =
    (direction: string) =>
    (rule: Omit<AntreaRule, 'name'>, index: number): AntreaRule => ({
      name: `allow-${direction}-${index + 1}`,
      ...rule,
    });
  const egressRules: Array<Omit<AntreaRule, 'name'>> = [
    ...(allowDns ? [{ action: 'Allow' as const, to: [kubeDnsPeer], ports: dnsPorts }] : []),
    ...rules.egress.flatMap(convert('egress')),
  ];
  const ingress = rules.ingress.flatMap(convert('ingress')).map(named('ingress'));
  const egress = egressRules.map(named('egress'));
  return {
    apiVersion: 'crd.antrea.io/v1beta1',
    kind: 'NetworkPolicy',
    metadata: { name: allowPolicyName(workload), namespace: workload.namespace, labels: { ...recommendedByLabel } },
    spec: {
      tier: 'application',
      priority,
      appliedTo: [{ podSelector: podSelector(workload.selector) }],
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    },
  };
}

/** anp-deny-applied: the pods that got allow rules reject everything else, both ways. */
export function antreaDenyAppliedPolicy(rules: WorkloadRules): AntreaClusterNetworkPolicy {
  const { workload } = rules;
  const selected = Object.keys(workload.selector).length > 0 ? { podSelector: podSelector(workload.selector) } : {};
  return denyPolicy(denyPolicyName(workload), [
    { namespaceSelector: namespaceSelector(workload.namespace), ...selected },
  ]);
}

/**
 * anp-deny-all: every pod of the namespaces the recommendation covers rejects what no rule allows,
 * except the allow-listed and excluded namespaces (denying them would cut traffic nothing allows).
 */
export function antreaDenyAllPolicy(options: RecommendOptions): AntreaClusterNetworkPolicy {
  const spared = [...new Set([...options.allowedNamespaces, ...options.excludedNamespaces])].sort();
  const matchExpressions = [
    ...(options.namespaces.length > 0
      ? [{ key: namespaceNameLabel, operator: 'In' as const, values: [...options.namespaces] }]
      : []),
    ...(spared.length > 0 ? [{ key: namespaceNameLabel, operator: 'NotIn' as const, values: spared }] : []),
  ];
  return denyPolicy(denyAllPolicyName, [
    { namespaceSelector: matchExpressions.length > 0 ? { matchExpressions } : {} },
  ]);
}

/** Allow-listed namespaces (kube-system, the flow pipeline's own): their pods talk freely with the cluster. */
export function antreaAllowNamespacePolicy(namespace: string): AntreaClusterNetworkPolicy {
  return {
    apiVersion: 'crd.antrea.io/v1beta1',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: allowNamespacePolicyName(namespace), labels: { ...recommendedByLabel } },
    spec: {
      tier: 'platform',
      priority,
      appliedTo: [{ namespaceSelector: namespaceSelector(namespace) }],
      ingress: [{ name: 'allow-from-cluster', action: 'Allow', from: [{ podSelector: {} }] }],
      egress: [{ name: 'allow-to-cluster', action: 'Allow', to: [{ podSelector: {} }] }],
    },
  };
}

function denyPolicy(
  name: string,
  appliedTo: AntreaClusterNetworkPolicy['spec']['appliedTo']
): AntreaClusterNetworkPolicy {
  return {
    apiVersion: 'crd.antrea.io/v1beta1',
    kind: 'ClusterNetworkPolicy',
    metadata: { name, labels: { ...recommendedByLabel } },
    spec: {
      tier: 'baseline',
      priority,
      appliedTo,
      ingress: [{ name: 'reject-other-ingress', action: 'Reject' }],
      egress: [{ name: 'reject-other-egress', action: 'Reject' }],
    },
  };
}
