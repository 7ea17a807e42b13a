/**
 * Deterministic Kubernetes-looking flow tables for the benchmark, the README screenshots and tests:
 * plain JSON frames (the panel host's SimpleFrame shape), no @grafana import, so Node scripts can use them.
 */

export interface SyntheticFrame {
  refId: string;
  fields: Array<{ name: string; type: 'string' | 'number'; values: unknown[]; config?: Record<string, unknown> }>;
}

/** mulberry32: a tiny seeded PRNG, so every run draws the same chord. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const namespaces = ['web', 'api', 'payments', 'db', 'kube-system', 'monitoring', 'search', 'batch'];
const workloads = ['frontend', 'gateway', 'checkout', 'cart', 'postgres', 'redis', 'coredns', 'prometheus', 'indexer'];

/** "namespace/workload-5d78c9869d-x2x9z": the names pods really have. */
export function podNames(count: number, random: () => number): string[] {
  const suffix = () =>
    Math.floor(random() * 36 ** 5)
      .toString(36)
      .padStart(5, '0');
  return Array.from({ length: count }, (_, i) => {
    const namespace = namespaces[i % namespaces.length]!;
    const workload = workloads[Math.floor(i / namespaces.length) % workloads.length]!;
    return `${namespace}/${workload}-${(i * 7919).toString(16).slice(-6).padStart(6, '0')}-${suffix()}`;
  });
}

/**
 * Pod-to-pod bytes between `groups` pods, each talking to `peersPerGroup` others (fewer when there are
 * not that many), with heavy-tailed volumes as real traffic has. 200 groups × 40 peers ≈ 8,000 ribbons.
 * `skew` > 0 makes low-numbered pods busier (Zipf-like), as a few gateways and databases are.
 */
export function podTraffic(groups: number, peersPerGroup: number, seed = 7, skew = 0): SyntheticFrame {
  const random = seededRandom(seed);
  const pods = podNames(groups, random);
  const sources: string[] = [];
  const targets: string[] = [];
  const bytes: number[] = [];
  const peers = Math.min(peersPerGroup, groups - 1);
  pods.forEach((pod, i) => {
    const chosen = new Set<number>();
    while (chosen.size < peers) {
      const j = Math.floor(random() * groups);
      if (j !== i) {
        chosen.add(j);
      }
    }
    for (const j of chosen) {
      sources.push(pod);
      targets.push(pods[j]!);
      const weight = ((i + 1) * (j + 1)) ** -skew;
      bytes.push(Math.round(1000 * Math.exp(random() * 9) * weight * groups ** skew));
    }
  });
  return {
    refId: 'A',
    fields: [
      { name: 'sourcePodName', type: 'string', values: sources },
      { name: 'destinationPodName', type: 'string', values: targets },
      { name: 'bytes', type: 'number', values: bytes, config: { unit: 'bytes' } },
    ],
  };
}

/** A shop's services: who calls whom, with the port and a typical volume in bytes per hour. */
const shopCalls: Array<[string, string, number, number]> = [
  ['ingress-nginx/controller-7d9f8-x2x9z', 'web/frontend-5c7b9-2xkqp', 80, 90e9],
  ['ingress-nginx/controller-7d9f8-x2x9z', 'web/frontend-5c7b9-9fj2m', 80, 80e9],
  ['web/frontend-5c7b9-2xkqp', 'shop/catalog-6f4d8-h7p2x', 8080, 38e9],
  ['web/frontend-5c7b9-9fj2m', 'shop/catalog-6f4d8-h7p2x', 8080, 31e9],
  ['web/frontend-5c7b9-2xkqp', 'shop/checkout-84c6d-q2w9z', 8080, 22e9],
  ['web/frontend-5c7b9-9fj2m', 'shop/checkout-84c6d-q2w9z', 8080, 17e9],
  ['web/frontend-5c7b9-2xkqp', 'shop/cart-7b9c5-k3j8d', 8080, 12e9],
  ['web/frontend-5c7b9-9fj2m', 'shop/cart-7b9c5-k3j8d', 8080, 10e9],
  ['shop/checkout-84c6d-q2w9z', 'payments/payments-7b5f9-m4k8s', 8443, 19e9],
  ['shop/checkout-84c6d-q2w9z', 'data/postgres-0', 5432, 14e9],
  ['shop/checkout-84c6d-q2w9z', 'shop/cart-7b9c5-k3j8d', 8080, 6e9],
  ['shop/catalog-6f4d8-h7p2x', 'data/postgres-0', 5432, 41e9],
  ['shop/catalog-6f4d8-h7p2x', 'data/redis-master-0', 6379, 24e9],
  ['shop/cart-7b9c5-k3j8d', 'data/redis-master-0', 6379, 16e9],
  ['payments/payments-7b5f9-m4k8s', 'data/postgres-0', 5432, 6e9],
  ['data/postgres-0', 'data/postgres-1', 5432, 20e9],
  ['monitoring/prometheus-k8s-0', 'web/frontend-5c7b9-2xkqp', 9090, 3e9],
  ['monitoring/prometheus-k8s-0', 'shop/catalog-6f4d8-h7p2x', 9090, 3e9],
  ['monitoring/prometheus-k8s-0', 'data/postgres-0', 9187, 2e9],
  ['web/frontend-5c7b9-2xkqp', 'kube-system/coredns-5d78c-8t6vn', 53, 1e9],
  ['shop/catalog-6f4d8-h7p2x', 'kube-system/coredns-5d78c-8t6vn', 53, 1e9],
  ['shop/checkout-84c6d-q2w9z', 'kube-system/coredns-5d78c-8t6vn', 53, 1e9],
];

/**
 * Pod-to-pod traffic of a small shop, as the Pod-to-Pod dashboard sees it: three rows per pair (one
 * per time bucket), replies included; `namespaces` folds pods into their namespaces.
 */
export function shopTraffic(level: 'pods' | 'namespaces' = 'pods', seed = 3): SyntheticFrame {
  const random = seededRandom(seed);
  const name = (pod: string) => (level === 'namespaces' ? pod.slice(0, pod.indexOf('/')) : pod);
  const sources: string[] = [];
  const targets: string[] = [];
  const ports: number[] = [];
  const bytes: number[] = [];
  for (const [from, to, port, volume] of shopCalls) {
    for (let bucket = 0; bucket < 3; bucket++) {
      sources.push(name(from), name(to));
      targets.push(name(to), name(from));
      ports.push(port, port);
      bytes.push(Math.round((volume / 3) * (0.7 + random() * 0.6)), Math.round((volume / 12) * (0.7 + random() * 0.6)));
    }
  }
  return {
    refId: 'A',
    fields: [
      { name: 'sourcePodName', type: 'string', values: sources },
      { name: 'destinationPodName', type: 'string', values: targets },
      { name: 'destinationTransportPort', type: 'number', values: ports, config: { displayName: 'Port' } },
      { name: 'bytes', type: 'number', values: bytes, config: { unit: 'bytes' } },
    ],
  };
}

/** The network-policy dashboard's value mappings for ingressNetworkPolicyRuleAction. */
export const ruleActionMappingsJSON = [
  {
    type: 'value',
    options: {
      '0': { text: 'None', color: 'text', index: 0 },
      '1': { text: 'Allow', color: 'green', index: 1 },
      '2': { text: 'Drop', color: 'red', index: 2 },
      '3': { text: 'Reject', color: 'orange', index: 3 },
    },
  },
];

/**
 * What the Network Policy dashboard queries: namespace-level pairs with the ingress rule action, the
 * policy name and the destination port, several rows per pair (one per policy and port).
 */
export function policyTraffic(seed = 11): SyntheticFrame {
  const random = seededRandom(seed);
  const allowedPairs: Array<[string, string, string, number]> = [
    ['web', 'api', 'allow-web-to-api', 8080],
    ['api', 'payments', 'allow-api-to-payments', 8443],
    ['api', 'db', 'allow-api-to-db', 5432],
    ['payments', 'db', 'allow-payments-to-db', 5432],
    ['monitoring', 'web', 'allow-prometheus-scrape', 9090],
    ['monitoring', 'api', 'allow-prometheus-scrape', 9090],
    ['monitoring', 'db', 'allow-prometheus-scrape', 9187],
    ['web', 'kube-system', 'allow-dns', 53],
    ['api', 'kube-system', 'allow-dns', 53],
    ['search', 'db', 'allow-search-to-db', 5432],
    ['batch', 'search', 'allow-batch-to-search', 9200],
  ];
  const blockedPairs: Array<[string, string, string, number, number]> = [
    ['web', 'db', 'default-deny-db', 5432, 2],
    ['batch', 'payments', 'deny-batch-to-payments', 8443, 3],
    ['search', 'payments', 'default-deny-payments', 8443, 2],
    ['api', 'db', 'deny-api-admin-port', 5433, 2],
  ];
  const sources: string[] = [];
  const targets: string[] = [];
  const actions: number[] = [];
  const policies: string[] = [];
  const ports: number[] = [];
  const bytes: number[] = [];
  const add = (from: string, to: string, policy: string, port: number, action: number, volume: number) => {
    sources.push(from);
    targets.push(to);
    policies.push(policy);
    ports.push(port);
    actions.push(action);
    bytes.push(Math.round(volume));
  };
  for (const [from, to, policy, port] of allowedPairs) {
    add(from, to, policy, port, 1, 2e6 * Math.exp(random() * 4));
    add(to, from, policy, port, 1, 5e5 * Math.exp(random() * 3));
  }
  for (const [from, to, policy, port, action] of blockedPairs) {
    add(from, to, policy, port, action, 3e5 * Math.exp(random() * 3));
  }
  return {
    refId: 'A',
    fields: [
      { name: 'sourcePodNamespace', type: 'string', values: sources },
      { name: 'destinationPodNamespace', type: 'string', values: targets },
      {
        name: 'ingressNetworkPolicyRuleAction',
        type: 'number',
        values: actions,
        config: { displayName: 'Action', mappings: ruleActionMappingsJSON },
      },
      { name: 'ingressNetworkPolicyName', type: 'string', values: policies, config: { displayName: 'Policy' } },
      { name: 'destinationTransportPort', type: 'number', values: ports, config: { displayName: 'Port' } },
      { name: 'bytes', type: 'number', values: bytes, config: { unit: 'bytes' } },
    ],
  };
}
