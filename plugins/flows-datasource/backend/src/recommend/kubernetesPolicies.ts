import type { PeerRule, WorkloadRules } from './connectionRules.ts';
import { allowPolicyName } from './policyNames.ts';
import { dnsPorts, kubeDnsPeer, podSelector, policyPorts, selectorPeer } from './policyPeers.ts';
import {
  recommendedByLabel,
  type KubernetesNetworkPolicy,
  type KubernetesPeer,
  type PolicyPort,
} from './policyTypes.ts';

type KubernetesRule = { peers: KubernetesPeer[]; ports?: PolicyPort[] };

/**
 * One Kubernetes NetworkPolicy per workload (or namespace): it isolates the pods both ways and allows
 * exactly what was observed. Kubernetes ports cannot name ICMP; a peer seen on such a protocol gets a
 * rule without ports (every protocol from that peer), which `notes` reports.
 */
export function kubernetesPolicy(rules: WorkloadRules, allowDns: boolean, notes: string[]): KubernetesNetworkPolicy {
  const { workload } = rules;
  const convert = (rule: PeerRule): KubernetesRule[] => {
    const peer = selectorPeer(rule.peer);
    if (!peer) return [];
    const { ports, otherProtocols } = policyPorts(rule.ports);
    const converted: KubernetesRule[] = ports.length > 0 ? [{ peers: [peer], ports }] : [];
    if (otherProtocols.length > 0) {
      notes.push(
        `${workload.namespace}/${workload.name}: protocol(s) ${otherProtocols.join(', ')} cannot be named in a Kubernetes NetworkPolicy, so one rule allows every protocol with that peer.`
      );
      converted.push({ peers: [peer] });
    }
    return converted;
  };
  const ingress = rules.ingress
    .flatMap(convert)
    .map(({ peers, ports }) => ({ from: peers, ...(ports ? { ports } : {}) }));
  const egress = rules.egress.flatMap(convert).map(({ peers, ports }) => ({ to: peers, ...(ports ? { ports } : {}) }));
  if (allowDns) egress.unshift({ to: [kubeDnsPeer], ports: dnsPorts });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: allowPolicyName(workload), namespace: workload.namespace, labels: { ...recommendedByLabel } },
    spec: {
      podSelector: podSelector(workload.selector),
      // Both directions isolated: what was not observed is not allowed (least privilege).
      policyTypes: ['Ingress', 'Egress'],
      ...(ingress.length > 0 ? { ingress } : {}),
      ...(egress.length > 0 ? { egress } : {}),
    },
  };
}
