import {
  namespaceNameLabel,
  type AntreaPeer,
  type AntreaRule,
  type KubernetesNetworkPolicy,
  type KubernetesPeer,
  type PolicyPort,
  type RecommendedPolicy,
} from '../policyTypes.ts';
import { inBlock } from './addressBlocks.ts';
import { selects } from './labelSelectors.ts';

/**
 * Decides whether a connection may flow under a set of policies, with the semantics Kubernetes and
 * Antrea give them:
 * - each direction is decided at its pod: egress at the source, ingress at the destination; the
 *   connection flows when both allow it (an outside address enforces nothing);
 * - Antrea-native rules first, by tier (platform before application), policy priority, rule order:
 *   the first rule that matches decides (Antrea policies isolate nothing by themselves);
 * - then Kubernetes NetworkPolicies: a pod selected for a direction is isolated in it, and allowed
 *   what the union of those policies' rules allows;
 * - then the Antrea baseline tier; then allowed.
 * A peer is namespaceSelector AND podSelector; a podSelector alone means the policy's namespace
 * (Kubernetes, Antrea NetworkPolicy) or every namespace (ClusterNetworkPolicy); ipBlock with its
 * exceptions; empty ports mean every port.
 */
export type ProbeEnd =
  { kind: 'pod'; namespace: string; labels: Record<string, string> } | { kind: 'external'; ip: string };

export interface Probe {
  source: ProbeEnd;
  destination: ProbeEnd;
  port: number;
  protocol: number;
  /** The Service the connection went through, for toServices rules. */
  service?: { namespace: string; name: string };
}

export interface DirectionVerdict {
  allowed: boolean;
  /** Identities (see policyIdentity) of the policies whose rules decided it; empty when none did. */
  decidedBy: string[];
}

export interface Verdict {
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

const tierOrder = { platform: 200, application: 250, baseline: 253 } as const;
const protocolNumbers: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };

export function policyIdentity(policy: RecommendedPolicy): string {
  const namespace = 'namespace' in policy.metadata ? policy.metadata.namespace : '';
  return `${policy.kind}/${namespace}/${policy.metadata.name}`;
}

type AntreaPolicy = Exclude<RecommendedPolicy, KubernetesNetworkPolicy>;
type Direction = 'ingress' | 'egress';

export class PolicyEvaluator {
  private readonly beforeKubernetes: AntreaPolicy[];
  private readonly baseline: AntreaPolicy[];
  private readonly kubernetes: KubernetesNetworkPolicy[];

  constructor(policies: readonly RecommendedPolicy[]) {
    const antrea = policies
      .filter((policy): policy is AntreaPolicy => policy.apiVersion === 'crd.antrea.io/v1beta1')
      .sort(
        (a, b) =>
          tierOrder[a.spec.tier] - tierOrder[b.spec.tier] ||
          a.spec.priority - b.spec.priority ||
          (policyIdentity(a) < policyIdentity(b) ? -1 : 1)
      );
    this.beforeKubernetes = antrea.filter((policy) => policy.spec.tier !== 'baseline');
    this.baseline = antrea.filter((policy) => policy.spec.tier === 'baseline');
    this.kubernetes = policies.filter(
      (policy): policy is KubernetesNetworkPolicy => policy.apiVersion === 'networking.k8s.io/v1'
    );
  }

  evaluate(probe: Probe): Verdict {
    const egress = this.direction('egress', probe.source, probe.destination, probe);
    const ingress = this.direction('ingress', probe.destination, probe.source, probe);
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  private direction(direction: Direction, at: ProbeEnd, other: ProbeEnd, probe: Probe): DirectionVerdict {
    if (at.kind !== 'pod') return { allowed: true, decidedBy: [] };
    const antrea = this.firstAntreaMatch(this.beforeKubernetes, direction, at, other, probe);
    if (antrea) return antrea;
    const selecting = this.kubernetes.filter(
      (policy) =>
        policy.metadata.namespace === at.namespace &&
        policy.spec.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress') &&
        selects(policy.spec.podSelector, at.labels)
    );
    if (selecting.length > 0) {
      const allowing = selecting.filter((policy) =>
        (direction === 'ingress' ? policy.spec.ingress : policy.spec.egress)?.some((rule) =>
          kubernetesRuleMatches(
            direction === 'ingress'
              ? (rule as { from?: KubernetesPeer[] }).from
              : (rule as { to?: KubernetesPeer[] }).to,
            rule.ports,
            policy.metadata.namespace,
            other,
            probe
          )
        )
      );
      return allowing.length > 0
        ? { allowed: true, decidedBy: allowing.map(policyIdentity) }
        : { allowed: false, decidedBy: selecting.map(policyIdentity) };
    }
    return this.firstAntreaMatch(this.baseline, direction, at, other, probe) ?? { allowed: true, decidedBy: [] };
  }

  private firstAntreaMatch(
    policies: AntreaPolicy[],
    direction: Direction,
    at: ProbeEnd & { kind: 'pod' },
    other: ProbeEnd,
    probe: Probe
  ): DirectionVerdict | undefined {
    for (const policy of policies) {
      const namespace = policy.kind === 'NetworkPolicy' ? policy.metadata.namespace : undefined;
      if (!policy.spec.appliedTo.some((peer) => antreaPeerSelectsPod(peer, namespace, at))) continue;
      for (const rule of policy.spec[direction] ?? []) {
        if (antreaRuleMatches(rule, direction, namespace, other, probe)) {
          return { allowed: rule.action === 'Allow', decidedBy: [policyIdentity(policy)] };
        }
      }
    }
    return undefined;
  }
}

function namespaceLabels(namespace: string): Record<string, string> {
  return { [namespaceNameLabel]: namespace };
}

/** `policyNamespace` undefined: a cluster-scoped policy, whose lone podSelector spans namespaces. */
function peerSelectsPod(
  peer: KubernetesPeer | AntreaPeer,
  policyNamespace: string | undefined,
  pod: ProbeEnd & { kind: 'pod' }
): boolean {
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, namespaceLabels(pod.namespace))) return false;
  } else if (policyNamespace !== undefined && pod.namespace !== policyNamespace) {
    return false;
  }
  return !peer.podSelector || selects(peer.podSelector, pod.labels);
}

function peerMatches(peer: KubernetesPeer | AntreaPeer, policyNamespace: string | undefined, end: ProbeEnd): boolean {
  if (peer.ipBlock) return end.kind === 'external' && inBlock(peer.ipBlock, end.ip);
  return end.kind === 'pod' && peerSelectsPod(peer, policyNamespace, end);
}

function antreaPeerSelectsPod(peer: AntreaPeer, policyNamespace: string | undefined, pod: ProbeEnd & { kind: 'pod' }) {
  return peerSelectsPod(peer, policyNamespace, pod);
}

function portsMatch(ports: PolicyPort[] | undefined, probe: Probe): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some(
    (port) => protocolNumbers[port.protocol] === probe.protocol && (port.port === undefined || port.port === probe.port)
  );
}

function kubernetesRuleMatches(
  peers: KubernetesPeer[] | undefined,
  ports: PolicyPort[] | undefined,
  policyNamespace: string,
  other: ProbeEnd,
  probe: Probe
): boolean {
  const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, policyNamespace, other));
  return peerOk && portsMatch(ports, probe);
}

function antreaRuleMatches(
  rule: AntreaRule,
  direction: Direction,
  policyNamespace: string | undefined,
  other: ProbeEnd,
  probe: Probe
): boolean {
  if (rule.toServices) {
    return (
      direction === 'egress' &&
      probe.service !== undefined &&
      rule.toServices.some(
        (service) => service.name === probe.service!.name && service.namespace === probe.service!.namespace
      )
    );
  }
  const peers = direction === 'ingress' ? rule.from : rule.to;
  const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, policyNamespace, other));
  if (!peerOk) return false;
  if (rule.protocols && rule.protocols.length > 0) {
    return rule.protocols.some((protocol) => protocol.icmp !== undefined && probe.protocol === 1);
  }
  return portsMatch(rule.ports, probe);
}
