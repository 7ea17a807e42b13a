import type { Peer, PortUse } from './connectionRules.ts';
import {
  namespaceNameLabel,
  type KubernetesPeer,
  type LabelSelector,
  type PolicyPort,
  type PortProtocol,
} from './policyTypes.ts';

/** How a rule names its peers and ports; Kubernetes and Antrea policies share these shapes. */
export function namespaceSelector(namespace: string): LabelSelector {
  return { matchLabels: { [namespaceNameLabel]: namespace } };
}

export function podSelector(labels: Record<string, string>): LabelSelector {
  return Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {};
}

/** A peer as a namespace-qualified selector or an address block; undefined for Service peers. */
export function selectorPeer(peer: Peer): KubernetesPeer | undefined {
  switch (peer.kind) {
    case 'workload':
      return Object.keys(peer.workload.selector).length === 0
        ? { namespaceSelector: namespaceSelector(peer.workload.namespace) }
        : {
            namespaceSelector: namespaceSelector(peer.workload.namespace),
            podSelector: podSelector(peer.workload.selector),
          };
    case 'namespace':
      return { namespaceSelector: namespaceSelector(peer.namespace) };
    case 'cidr':
      return { ipBlock: { cidr: peer.cidr } };
    case 'service':
      return undefined;
  }
}

const portProtocols: Record<number, PortProtocol> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

/** Ports a policy can name (TCP, UDP, SCTP), and whether other protocols (ICMP…) were seen too. */
export function policyPorts(ports: PortUse[]): { ports: PolicyPort[]; otherProtocols: number[] } {
  const named: PolicyPort[] = [];
  const other = new Set<number>();
  for (const use of ports) {
    const protocol = portProtocols[use.protocol];
    if (protocol) named.push(use.port > 0 ? { protocol, port: use.port } : { protocol });
    else other.add(use.protocol);
  }
  return { ports: named, otherProtocols: [...other].sort((a, b) => a - b) };
}

/** Pods of the cluster resolve names through kube-dns: the rule `allowDns` adds to every policy. */
export const kubeDnsPeer: KubernetesPeer = {
  namespaceSelector: namespaceSelector('kube-system'),
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

export const dnsPorts: PolicyPort[] = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];
