import fc from 'fast-check';
import { type TestPolicy } from './policyFrames';

/** Label keys and values with the parts YAML must quote or could misread. */
const labelText = fc.oneof(
  fc.constantFrom(
    'app',
    'tier',
    'k8s-app',
    'app.kubernetes.io/name',
    'true',
    '80',
    'a: b',
    '#x',
    "it's",
    'null',
    '- x'
  ),
  fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/)
);
const labels = fc.dictionary(labelText, labelText, { minKeys: 1, maxKeys: 3 });
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
const namespace = fc.constantFrom('shop', 'bookinfo', 'kube-system', 'dev', 'a-very-long-namespace-name');

const peer = fc.oneof(
  labels.map((matchLabels) => ({ podSelector: { matchLabels } })),
  fc.tuple(namespace, labels).map(([ns, matchLabels]) => ({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
    podSelector: { matchLabels },
  })),
  fc.constant({ podSelector: {} }),
  fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '192.168.1.7/32').map((cidr) => ({ ipBlock: { cidr } }))
);
const port = fc.record(
  {
    protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
    port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constant('http')),
  },
  { requiredKeys: ['protocol'] }
);
const kubernetesRule = (side: 'from' | 'to') =>
  fc.record(
    { [side]: fc.array(peer, { minLength: 1, maxLength: 3 }), ports: fc.array(port, { minLength: 1, maxLength: 3 }) },
    { requiredKeys: [] }
  );
const antreaRule = (side: 'from' | 'to') =>
  fc.record(
    {
      name: name,
      action: fc.constantFrom('Allow', 'Drop', 'Reject', 'Pass'),
      [side]: fc.array(peer, { minLength: 1, maxLength: 2 }),
      ports: fc.array(port, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['name', 'action'] }
  );

/** Kubernetes NetworkPolicies and Antrea (Cluster)NetworkPolicies with up to 6 rules each way. */
export const policyArbitrary: fc.Arbitrary<TestPolicy> = fc.oneof(
  fc
    .record({
      name,
      namespace,
      podLabels: labels,
      ingress: fc.option(fc.array(kubernetesRule('from'), { maxLength: 6 }), { nil: undefined }),
      egress: fc.option(fc.array(kubernetesRule('to'), { maxLength: 6 }), { nil: undefined }),
    })
    .map(({ name, namespace, podLabels, ingress, egress }) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec: {
        podSelector: { matchLabels: podLabels },
        policyTypes: ['Ingress', 'Egress'],
        ...(ingress ? { ingress } : {}),
        ...(egress ? { egress } : {}),
      },
    })),
  fc
    .record({
      name,
      namespace: fc.option(namespace, { nil: undefined }),
      podLabels: labels,
      ingress: fc.option(fc.array(antreaRule('from'), { maxLength: 6 }), { nil: undefined }),
      egress: fc.option(fc.array(antreaRule('to'), { maxLength: 6 }), { nil: undefined }),
    })
    .map(({ name, namespace, podLabels, ingress, egress }) => ({
      apiVersion: 'crd.antrea.io/v1beta1',
      kind: namespace ? 'NetworkPolicy' : 'ClusterNetworkPolicy',
      metadata: namespace ? { name, namespace } : { name },
      spec: {
        tier: 'application',
        priority: 5,
        appliedTo: [{ podSelector: { matchLabels: podLabels } }],
        ...(ingress ? { ingress } : {}),
        ...(egress ? { egress } : {}),
      },
    }))
);
