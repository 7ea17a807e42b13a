import { stringify } from 'yaml';

/**
 * A recommendation of any size for the benchmark: `count` Kubernetes NetworkPolicies spread over
 * namespaces, each with a few ingress and egress rules and observed connections, as the backend's
 * `policies` frame carries them (plain JSON, so Node can hand it to the panel host).
 */
export interface SyntheticFrame {
  name: string;
  refId: string;
  meta: { notices: Array<{ severity: 'info'; text: string }> };
  fields: Array<{ name: string; type: 'string' | 'number'; values: Array<string | number> }>;
}

export function syntheticRecommendation(
  count: number,
  namespaces = Math.max(1, Math.round(count / 12))
): SyntheticFrame {
  const rows = Array.from({ length: count }, (_, i) => {
    const namespace = `team-${String(i % namespaces).padStart(3, '0')}`;
    const app = `service-${String(i).padStart(4, '0')}`;
    const peers = [1, 2, 3].map((step) => `service-${String((i + step * 7) % count).padStart(4, '0')}`);
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `flowlens-${app}`, namespace, labels: { 'app.kubernetes.io/managed-by': 'flowlens' } },
      spec: {
        podSelector: { matchLabels: { app, tier: i % 2 === 0 ? 'api' : 'worker' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: peers.map((peer) => ({
          from: [{ podSelector: { matchLabels: { app: peer } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        })),
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          { to: [{ podSelector: { matchLabels: { app: peers[0]! } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
        ],
      },
    };
    const observed = peers.map((peer, n) => `${namespace}/${peer} → ${namespace}/${app} 8080/TCP (${100 - n})`);
    return { policy, observed, namespace, app };
  });
  return {
    name: 'policies',
    refId: 'A',
    meta: { notices: [{ severity: 'info', text: `${count} synthetic policies` }] },
    fields: [
      { name: 'kind', type: 'string', values: rows.map(() => 'NetworkPolicy') },
      { name: 'apiVersion', type: 'string', values: rows.map(() => 'networking.k8s.io/v1') },
      { name: 'namespace', type: 'string', values: rows.map((row) => row.namespace) },
      { name: 'name', type: 'string', values: rows.map((row) => row.policy.metadata.name) },
      { name: 'appliedTo', type: 'string', values: rows.map((row) => `${row.namespace}: app=${row.app}`) },
      { name: 'rules', type: 'number', values: rows.map(() => 5) },
      { name: 'connections', type: 'number', values: rows.map(() => 297) },
      {
        name: 'yaml',
        type: 'string',
        values: rows.map((row) => stringify(row.policy, { lineWidth: 0, aliasDuplicateObjects: false })),
      },
      { name: 'observed', type: 'string', values: rows.map((row) => JSON.stringify(row.observed)) },
    ],
  };
}
