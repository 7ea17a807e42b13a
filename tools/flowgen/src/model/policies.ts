import { PolicyType, RuleAction } from '@flowlens/flow-schema';

// The cluster's NetworkPolicies: each type (Kubernetes, Antrea NetworkPolicy, Antrea
// ClusterNetworkPolicy) allowing, dropping and rejecting, on ingress and on egress. Kubernetes
// policies cannot reject and have unnamed rules; their drops are the default deny of the pods they
// isolate, which Antrea attributes to the isolating policy.

export type Direction = 'ingress' | 'egress';

export interface PolicyRule {
  readonly policyName: string;
  /** Empty for cluster-scoped policies (Antrea ClusterNetworkPolicy). */
  readonly policyNamespace: string;
  readonly ruleName: string;
  readonly direction: Direction;
  readonly action: RuleAction;
  readonly type: PolicyType;
}

interface PolicySpec {
  type: PolicyType;
  namespace: string;
  name: string;
  rules: { name: string; direction: Direction; action: RuleAction }[];
}

const { allow, drop, reject } = RuleAction;
const k8s = PolicyType.k8sNetworkPolicy;
const antrea = PolicyType.antreaNetworkPolicy;
const cluster = PolicyType.antreaClusterNetworkPolicy;

const policySpecs: PolicySpec[] = [
  {
    type: k8s,
    namespace: 'bookinfo',
    name: 'ratings-allow-reviews',
    rules: [{ name: '', direction: 'ingress', action: allow }],
  },
  {
    type: k8s,
    namespace: 'shop',
    name: 'mongodb-allow-worker',
    rules: [
      { name: '', direction: 'ingress', action: allow },
      { name: '', direction: 'ingress', action: drop },
    ],
  },
  {
    type: k8s,
    namespace: 'reports',
    name: 'report-builder-egress',
    rules: [
      { name: '', direction: 'egress', action: allow },
      { name: '', direction: 'egress', action: drop },
    ],
  },
  {
    type: antrea,
    namespace: 'shop',
    name: 'api-ingress',
    rules: [
      { name: 'allow-http-clients', direction: 'ingress', action: allow },
      { name: 'drop-dev', direction: 'ingress', action: drop },
    ],
  },
  {
    type: antrea,
    namespace: 'shop',
    name: 'worker-ingress',
    rules: [
      { name: 'allow-api', direction: 'ingress', action: allow },
      { name: 'reject-others', direction: 'ingress', action: reject },
    ],
  },
  {
    type: antrea,
    namespace: 'shop',
    name: 'worker-egress',
    rules: [{ name: 'allow-payments', direction: 'egress', action: allow }],
  },
  {
    type: antrea,
    namespace: 'shop',
    name: 'api-egress',
    rules: [{ name: 'drop-telemetry', direction: 'egress', action: drop }],
  },
  {
    type: antrea,
    namespace: 'bookinfo',
    name: 'details-egress',
    rules: [{ name: 'reject-plain-http', direction: 'egress', action: reject }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'allow-monitoring',
    rules: [{ name: 'allow-prometheus-scrape', direction: 'ingress', action: allow }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'protect-kube-system',
    rules: [{ name: 'drop-non-system', direction: 'ingress', action: drop }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'protect-databases',
    rules: [{ name: 'drop-unexpected-clients', direction: 'ingress', action: drop }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'block-blocklisted-ips',
    rules: [{ name: 'reject-blocklisted', direction: 'ingress', action: reject }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'allow-dns',
    rules: [{ name: 'allow-kube-dns', direction: 'egress', action: allow }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'block-crypto-mining',
    rules: [{ name: 'drop-mining-pools', direction: 'egress', action: drop }],
  },
  {
    type: cluster,
    namespace: '',
    name: 'restrict-smtp',
    rules: [{ name: 'reject-smtp', direction: 'egress', action: reject }],
  },
];

export const policyRules: readonly PolicyRule[] = policySpecs.flatMap((policy) =>
  policy.rules.map((rule) => ({
    policyName: policy.name,
    policyNamespace: policy.namespace,
    ruleName: rule.name,
    direction: rule.direction,
    action: rule.action,
    type: policy.type,
  }))
);

/** The rule of a policy ("shop/api-ingress", or "allow-dns" when cluster-scoped) with this direction and action. */
export function policyRule(policy: string, direction: Direction, action: RuleAction): PolicyRule {
  const [namespace, name] = policy.includes('/') ? policy.split('/') : ['', policy];
  const rule = policyRules.find(
    (candidate) =>
      candidate.policyNamespace === namespace &&
      candidate.policyName === name &&
      candidate.direction === direction &&
      candidate.action === action
  );
  if (!rule) {
    throw new Error(`flowgen's policy model has no ${direction} rule with action ${action} in policy ${policy}`);
  }
  return rule;
}
