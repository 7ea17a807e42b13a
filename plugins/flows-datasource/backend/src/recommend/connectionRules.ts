import type { ConnectionKind } from './observedConnections.ts';
import type { RecommendOptions } from './recommendOptions.ts';
import { parsePodLabels } from './workloadLabels.ts';
import { partyOf, type Party, type Workload } from './workloads.ts';

/**
 * Observed connections turned into what each workload must allow: every connection gives an egress
 * rule on its source and an ingress rule on its destination, where those get policies at all.
 */
export type Peer =
  | { kind: 'workload'; workload: Workload }
  /** Any pod of a namespace: for pods no label selects alone. */
  | { kind: 'namespace'; namespace: string }
  | { kind: 'cidr'; cidr: string }
  /** A Service by name (Antrea toServices rules). */
  | { kind: 'service'; namespace: string; name: string };

export interface PortUse {
  protocol: number;
  port: number;
}

export interface PeerRule {
  peer: Peer;
  ports: PortUse[];
}

export interface WorkloadRules {
  workload: Workload;
  ingress: PeerRule[];
  egress: PeerRule[];
}

export interface RuleSet {
  workloads: WorkloadRules[];
  /** Things the operator should know: pods no label selects, outside sources folded into one range. */
  notes: string[];
}

/** More outside sources than this on one workload become one "anywhere" range instead of a list. */
export const outsideSourceLimit = 10;

const dnsPort = 53;

export function policyNamespaces(options: RecommendOptions): (namespace: string) => boolean {
  return (namespace) =>
    namespace !== '' &&
    (options.namespaces.length === 0 || options.namespaces.includes(namespace)) &&
    !options.excludedNamespaces.includes(namespace) &&
    !options.allowedNamespaces.includes(namespace);
}

export function isDnsToKubeDns(kind: ConnectionKind): boolean {
  const destination = kind.destination;
  if (destination.kind !== 'pod' || destination.namespace !== 'kube-system' || kind.port !== dnsPort) return false;
  return parsePodLabels(destination.labelsJson)?.['k8s-app'] === 'kube-dns';
}

export function buildRuleSet(kinds: ConnectionKind[], options: RecommendOptions): RuleSet {
  const covered = policyNamespaces(options);
  const antrea = options.policyType !== 'k8s-np';
  const byWorkload = new Map<
    string,
    { workload: Workload; ingress: Map<string, PeerRule>; egress: Map<string, PeerRule> }
  >();
  const unselectable = new Set<string>();
  const entry = (workload: Workload) => {
    let rules = byWorkload.get(workload.key);
    if (!rules) {
      rules = { workload, ingress: new Map(), egress: new Map() };
      byWorkload.set(workload.key, rules);
    }
    return rules;
  };
  const add = (rules: Map<string, PeerRule>, peer: Peer, port: PortUse) => {
    const key = peerKey(peer);
    let rule = rules.get(key);
    if (!rule) {
      rule = { peer, ports: [] };
      rules.set(key, rule);
    }
    if (!rule.ports.some((known) => known.protocol === port.protocol && known.port === port.port)) {
      rule.ports.push(port);
    }
  };

  for (const kind of kinds) {
    const source = partyOf(kind.source, options.granularity, options.dropGeneratedLabels);
    const destination = partyOf(kind.destination, options.granularity, options.dropGeneratedLabels);
    for (const party of [source, destination]) {
      if (party.kind === 'unselectable' && covered(party.namespace)) {
        unselectable.add(`${party.namespace}/${party.podName}`);
      }
    }
    const port = { protocol: kind.protocol, port: kind.port };
    if (source.kind === 'workload' && covered(source.namespace) && !(options.allowDns && isDnsToKubeDns(kind))) {
      const service = antrea && options.toServices ? serviceOf(kind.servicePortName) : undefined;
      add(entry(source).egress, service ?? peerOf(destination), port);
    }
    if (destination.kind === 'workload' && covered(destination.namespace)) {
      add(entry(destination).ingress, peerOf(source), port);
    }
  }

  const notes: string[] = [];
  if (unselectable.size > 0) {
    notes.push(
      `${unselectable.size} pod(s) have no labels to select them by (${[...unselectable].sort().slice(0, 5).join(', ')}${unselectable.size > 5 ? ', …' : ''}): they get no policy of their own, and rules for their peers allow their whole namespace. Label them, or use namespace granularity.`
    );
  }
  const workloads = [...byWorkload.values()]
    .map(({ workload, ingress, egress }) => ({
      workload,
      ingress: foldOutsideSources(workload, [...ingress.values()], notes),
      egress: [...egress.values()],
    }))
    .map((rules) => ({ ...rules, ingress: sortRules(rules.ingress), egress: sortRules(rules.egress) }))
    .sort((a, b) => compare(a.workload.key, b.workload.key));
  return { workloads, notes };
}

function peerOf(party: Party): Peer {
  switch (party.kind) {
    case 'workload':
      return { kind: 'workload', workload: party };
    case 'unselectable':
      return { kind: 'namespace', namespace: party.namespace };
    case 'external':
      return { kind: 'cidr', cidr: party.ip.includes(':') ? `${party.ip}/128` : `${party.ip}/32` };
  }
}

/** `shop/api:http` → the Service shop/api. */
function serviceOf(servicePortName: string): Peer | undefined {
  const match = /^([^/]+)\/([^:]+)(?::.*)?$/.exec(servicePortName);
  return match ? { kind: 'service', namespace: match[1]!, name: match[2]! } : undefined;
}

function foldOutsideSources(workload: Workload, rules: PeerRule[], notes: string[]): PeerRule[] {
  const outside = rules.filter((rule) => rule.peer.kind === 'cidr');
  if (outside.length <= outsideSourceLimit) return rules;
  const ports = new Map<string, PortUse>();
  for (const rule of outside) for (const port of rule.ports) ports.set(`${port.protocol}/${port.port}`, port);
  const families = new Set(outside.map((rule) => ((rule.peer as { cidr: string }).cidr.includes(':') ? 6 : 4)));
  notes.push(
    `${workload.namespace}/${workload.name} was reached from ${outside.length} outside addresses: its rule allows any outside address on the ports they used.`
  );
  const anywhere = [...families].sort().map((family): PeerRule => ({
    peer: { kind: 'cidr', cidr: family === 4 ? '0.0.0.0/0' : '::/0' },
    ports: [...ports.values()],
  }));
  return [...rules.filter((rule) => rule.peer.kind !== 'cidr'), ...anywhere];
}

export function peerKey(peer: Peer): string {
  switch (peer.kind) {
    case 'workload':
      return `w:${peer.workload.key}`;
    case 'namespace':
      return `n:${peer.namespace}`;
    case 'cidr':
      return `c:${peer.cidr}`;
    case 'service':
      return `s:${peer.namespace}/${peer.name}`;
  }
}

function sortRules(rules: PeerRule[]): PeerRule[] {
  return rules
    .map((rule) => ({
      ...rule,
      ports: [...rule.ports].sort((a, b) => a.protocol - b.protocol || a.port - b.port),
    }))
    .sort((a, b) => compare(peerKey(a.peer), peerKey(b.peer)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
