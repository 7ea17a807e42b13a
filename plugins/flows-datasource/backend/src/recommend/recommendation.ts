import { stringify } from 'yaml';
import {
  antreaAllowNamespacePolicy,
  antreaAllowPolicy,
  antreaDenyAllPolicy,
  antreaDenyAppliedPolicy,
} from './antreaPolicies.ts';
import { buildRuleSet } from './connectionRules.ts';
import { PolicyEvaluator, policyIdentity, type Probe, type ProbeEnd } from './evaluator/policyEvaluator.ts';
import { kubernetesPolicy } from './kubernetesPolicies.ts';
import type { ConnectionEnd, ConnectionKind } from './observedConnections.ts';
import type { LabelSelector, RecommendedPolicy } from './policyTypes.ts';
import type { RecommendOptions } from './recommendOptions.ts';
import { parsePodLabels, stableLabels, workloadName } from './workloadLabels.ts';

/** One recommended policy with what a reviewer needs beside its YAML. */
export interface ReviewedPolicy {
  policy: RecommendedPolicy;
  yaml: string;
  /** The pods it applies to, in words: `shop: app=shop, tier=api`. */
  appliedTo: string;
  ruleCount: number;
  /** Observed connections its rules allow (replayed through the evaluator). */
  connections: number;
  /** Those connections by kind, busiest first: `shop/api → shop/worker 8080/TCP (12)`. */
  observed: string[];
}

export interface Recommendation {
  policies: ReviewedPolicy[];
  /** Every policy as one multi-document YAML, ready for kubectl apply. */
  yaml: string;
  notes: string[];
  /** Observed connections the recommended set would not allow: always 0 unless something is wrong. */
  unallowedConnections: number;
}

const observedListLimit = 100;

/** Recommended policies for the observed connections: built, then replayed through the evaluator. */
export function recommend(kinds: ConnectionKind[], options: RecommendOptions): Recommendation {
  const notes: string[] = [];
  const ruleSet = buildRuleSet(kinds, options);
  notes.push(...ruleSet.notes);
  const policies: RecommendedPolicy[] = [];
  if (options.policyType === 'k8s-np') {
    for (const rules of ruleSet.workloads) policies.push(kubernetesPolicy(rules, options.allowDns, notes));
  } else {
    // Only allow-listed namespaces the flows show: a policy for a namespace that is not there is noise.
    const seen = new Set(
      kinds
        .flatMap((kind) => [kind.source, kind.destination])
        .flatMap((end) => (end.kind === 'pod' ? [end.namespace] : []))
    );
    for (const namespace of options.allowedNamespaces.filter((name) => seen.has(name))) {
      policies.push(antreaAllowNamespacePolicy(namespace));
    }
    for (const rules of ruleSet.workloads) policies.push(antreaAllowPolicy(rules, options.allowDns, notes));
    if (options.policyType === 'anp-deny-applied') {
      for (const rules of ruleSet.workloads) policies.push(antreaDenyAppliedPolicy(rules));
    } else if (ruleSet.workloads.length > 0) {
      policies.push(antreaDenyAllPolicy(options));
    }
  }

  const evaluator = new PolicyEvaluator(policies);
  const credits = new Map<string, { connections: number; observed: string[] }>();
  let unallowedConnections = 0;
  for (const kind of kinds) {
    const verdict = evaluator.evaluate(probeOf(kind));
    if (!verdict.allowed) {
      unallowedConnections += kind.connections;
      continue;
    }
    const description = describeKind(kind, options.dropGeneratedLabels);
    for (const identity of new Set([...verdict.egress.decidedBy, ...verdict.ingress.decidedBy])) {
      const credit = credits.get(identity) ?? { connections: 0, observed: [] };
      credit.connections += kind.connections;
      if (credit.observed.length < observedListLimit) credit.observed.push(`${description} (${kind.connections})`);
      credits.set(identity, credit);
    }
  }
  if (unallowedConnections > 0) {
    notes.push(
      `${unallowedConnections} observed connections would not be allowed by these policies: please report this.`
    );
  }

  const reviewed = policies.map((policy): ReviewedPolicy => {
    const credit = credits.get(policyIdentity(policy)) ?? { connections: 0, observed: [] };
    return {
      policy,
      // No &anchors for objects a policy shares (the DNS peer): reviewers, and the review panel, read plain YAML.
      yaml: stringify(policy, { lineWidth: 0, aliasDuplicateObjects: false }),
      appliedTo: describeAppliedTo(policy),
      ruleCount: (policy.spec.ingress?.length ?? 0) + (policy.spec.egress?.length ?? 0),
      connections: credit.connections,
      observed: credit.observed,
    };
  });
  return {
    policies: reviewed,
    yaml: reviewed.map((policy) => policy.yaml).join('---\n'),
    notes: [...new Set(notes)],
    unallowedConnections,
  };
}

export function probeOf(kind: ConnectionKind): Probe {
  const service = /^([^/]+)\/([^:]+)/.exec(kind.servicePortName);
  return {
    source: probeEnd(kind.source),
    destination: probeEnd(kind.destination),
    port: kind.port,
    protocol: kind.protocol,
    ...(service ? { service: { namespace: service[1]!, name: service[2]! } } : {}),
  };
}

function probeEnd(end: ConnectionEnd): ProbeEnd {
  return end.kind === 'external'
    ? end
    : { kind: 'pod', namespace: end.namespace, labels: parsePodLabels(end.labelsJson) ?? {} };
}

const protocolNames: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

function describeKind(kind: ConnectionKind, dropGeneratedLabels: boolean): string {
  const end = (side: ConnectionEnd) =>
    side.kind === 'external'
      ? side.ip
      : `${side.namespace}/${workloadName(stableLabels(parsePodLabels(side.labelsJson) ?? {}, dropGeneratedLabels), side.podName)}`;
  const via = kind.servicePortName ? ` via ${kind.servicePortName}` : '';
  return `${end(kind.source)} → ${end(kind.destination)}${via} ${kind.port}/${protocolNames[kind.protocol] ?? kind.protocol}`;
}

function describeSelector(selector: LabelSelector | undefined): string {
  const labels = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  const expressions = (selector?.matchExpressions ?? []).map(
    (expression) =>
      `${expression.key} ${expression.operator}${expression.values ? ` (${expression.values.join(', ')})` : ''}`
  );
  return [...labels, ...expressions].join(', ');
}

function describeAppliedTo(policy: RecommendedPolicy): string {
  if (policy.apiVersion === 'networking.k8s.io/v1') {
    return `${policy.metadata.namespace}: ${describeSelector(policy.spec.podSelector) || 'all pods'}`;
  }
  return policy.spec.appliedTo
    .map((peer) => {
      const namespaces = peer.namespaceSelector
        ? describeSelector(peer.namespaceSelector) || 'all namespaces'
        : policy.kind === 'NetworkPolicy'
          ? policy.metadata.namespace
          : 'all namespaces';
      return `${namespaces}: ${describeSelector(peer.podSelector) || 'all pods'}`;
    })
    .join('; ');
}
