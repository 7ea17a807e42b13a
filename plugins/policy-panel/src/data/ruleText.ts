import { type RuleDirection, type RuleSummary } from './types';

/** A rule in words for the review list; the YAML beside it stays the exact truth. */
type Json = Record<string, unknown>;

const namespaceNameLabel = 'kubernetes.io/metadata.name';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function selectorText(selector: Json): string {
  const labels = Object.entries(isObject(selector.matchLabels) ? selector.matchLabels : {}).map(
    ([key, value]) => `${key}=${String(value)}`
  );
  const expressions = list(selector.matchExpressions)
    .filter(isObject)
    .map((expression) => {
      const values = list(expression.values).map(String);
      return `${String(expression.key)} ${String(expression.operator)}${values.length > 0 ? ` (${values.join(', ')})` : ''}`;
    });
  return [...labels, ...expressions].join(', ');
}

function namespaceText(selector: Json): string {
  const labels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  const names = Object.keys(labels);
  if (names.length === 1 && names[0] === namespaceNameLabel && !selector.matchExpressions) {
    return String(labels[namespaceNameLabel]);
  }
  const text = selectorText(selector);
  return text === '' ? 'all namespaces' : `namespaces ${text}`;
}

function peerText(peer: unknown): string {
  if (!isObject(peer)) return String(peer);
  if (isObject(peer.ipBlock)) {
    const except = list(peer.ipBlock.except).map(String);
    return `${String(peer.ipBlock.cidr)}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
  }
  if (typeof peer.fqdn === 'string') return peer.fqdn;
  const namespaces = isObject(peer.namespaceSelector) ? namespaceText(peer.namespaceSelector) : undefined;
  const pods = isObject(peer.podSelector) ? selectorText(peer.podSelector) || 'all pods' : undefined;
  if (namespaces && pods) return `${namespaces}: ${pods}`;
  if (namespaces) return namespaces;
  if (pods) return pods;
  // Other Antrea peers (group, nodeSelector, serviceAccount …): name them as written.
  return Object.entries(peer)
    .map(([key, value]) => `${key} ${isObject(value) ? selectorText(value) || JSON.stringify(value) : String(value)}`)
    .join(', ');
}

function portText(port: unknown): string {
  if (!isObject(port)) return String(port);
  const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
  if (port.port === undefined || port.port === null) return `${protocol} any port`;
  return `${protocol} ${String(port.port)}${port.endPort !== undefined ? `-${String(port.endPort)}` : ''}`;
}

function peersText(direction: RuleDirection, rule: Json): string {
  const services = list(rule.toServices)
    .filter(isObject)
    .map((service) => `Service ${String(service.namespace)}/${String(service.name)}`);
  const peers = [...list(direction === 'ingress' ? rule.from : rule.to).map(peerText), ...services];
  return `${direction === 'ingress' ? 'from' : 'to'} ${peers.length > 0 ? peers.join('; ') : 'any peer'}`;
}

function portsText(rule: Json): string {
  const ports = list(rule.ports).map(portText);
  const protocols = list(rule.protocols)
    .filter(isObject)
    .flatMap((protocol) => Object.keys(protocol).map((name) => name.toUpperCase()));
  const all = [...ports, ...protocols];
  return all.length > 0 ? all.join(', ') : 'any port';
}

export function describeRule(direction: RuleDirection, rule: Json, index: number): RuleSummary {
  const directionName = direction === 'ingress' ? 'Ingress' : 'Egress';
  return {
    title: typeof rule.name === 'string' && rule.name !== '' ? rule.name : `${directionName} rule ${index + 1}`,
    action: typeof rule.action === 'string' ? rule.action : 'Allow',
    peers: peersText(direction, rule),
    ports: portsText(rule),
  };
}
