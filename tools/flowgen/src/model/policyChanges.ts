import { createHash } from 'node:crypto';
import { PolicyType } from '@flowlens/flow-schema';
import type { PolicyEvent } from '../policyEvents/columns.ts';
import { anomalies } from './conversations.ts';

// Who changes the simulated cluster's policies, as the API server's audit log would tell: the
// operator whose patch to protect-databases starts each drop burst (and who reverts it when it
// ends), a GitOps controller syncing a policy every hour, and a developer's refused delete.

interface PolicyChange {
  /** Seconds after the range start of the first occurrence, and the repeat period. */
  offsetSeconds: number;
  everySeconds: number;
  verb: 'create' | 'update' | 'patch' | 'delete';
  apiGroup: string;
  resource: string;
  kind: string;
  policyNamespace: string;
  policyName: string;
  policyType: number;
  userName: string;
  userGroups: string[];
  userAgent: string;
  sourceIP: string;
  responseCode: number;
}

const operator = {
  userName: 'alice@example.com',
  userGroups: ['platform-admins', 'system:authenticated'],
  userAgent: 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46',
  sourceIP: '10.0.0.15',
};
const protectDatabases = {
  apiGroup: 'crd.antrea.io',
  resource: 'clusternetworkpolicies',
  kind: 'ClusterNetworkPolicy',
  policyNamespace: '',
  policyName: 'protect-databases',
  policyType: PolicyType.antreaClusterNetworkPolicy,
};

const changes: readonly PolicyChange[] = [
  {
    offsetSeconds: anomalies.dropBurstOffsetSeconds,
    everySeconds: anomalies.dropBurstEverySeconds,
    verb: 'patch',
    ...protectDatabases,
    ...operator,
    responseCode: 200,
  },
  {
    offsetSeconds: anomalies.dropBurstOffsetSeconds + anomalies.dropBurstSeconds,
    everySeconds: anomalies.dropBurstEverySeconds,
    verb: 'patch',
    ...protectDatabases,
    ...operator,
    responseCode: 200,
  },
  {
    offsetSeconds: 45 * 60,
    everySeconds: 3600,
    verb: 'update',
    apiGroup: 'networking.k8s.io',
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    policyNamespace: 'shop',
    policyName: 'mongodb-allow-worker',
    policyType: PolicyType.k8sNetworkPolicy,
    userName: 'system:serviceaccount:argocd:argocd-application-controller',
    userGroups: ['system:serviceaccounts', 'system:serviceaccounts:argocd', 'system:authenticated'],
    userAgent: 'argocd-controller/v2.13.1',
    sourceIP: '10.244.1.23',
    responseCode: 200,
  },
  {
    offsetSeconds: 50 * 60,
    everySeconds: 3600,
    verb: 'delete',
    apiGroup: 'crd.antrea.io',
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    policyNamespace: 'shop',
    policyName: 'api-ingress',
    policyType: PolicyType.antreaNetworkPolicy,
    userName: 'bob@example.com',
    userGroups: ['developers', 'system:authenticated'],
    userAgent: 'kubectl/v1.30.6 (darwin/arm64) kubernetes/00f20d4',
    sourceIP: '10.0.0.42',
    responseCode: 403,
  },
];

export interface PolicyEventRange {
  seed: number;
  clusterUUID: string;
  /** The simulation's start: changes repeat relative to it, as the anomalies do. */
  rangeStart: number;
  /** Events with from <= eventTime < to, in time order. */
  from: number;
  to: number;
}

/** The policy changes of [from, to), the same for the same seed and range start. */
export function generatePolicyEvents(range: PolicyEventRange): PolicyEvent[] {
  const events: PolicyEvent[] = [];
  for (const change of changes) {
    const first = range.rangeStart + change.offsetSeconds;
    const skipped = Math.max(0, Math.ceil((range.from - first) / change.everySeconds));
    for (let second = first + skipped * change.everySeconds; second < range.to; second += change.everySeconds) {
      events.push({
        eventTime: second,
        auditID: auditId(range.seed, second, change),
        verb: change.verb,
        apiGroup: change.apiGroup,
        apiVersion: change.apiGroup === 'networking.k8s.io' ? 'v1' : 'v1beta1',
        resource: change.resource,
        kind: change.kind,
        policyNamespace: change.policyNamespace,
        policyName: change.policyName,
        policyType: change.policyType,
        userName: change.userName,
        userGroups: JSON.stringify(change.userGroups),
        impersonatedUser: '',
        userAgent: change.userAgent,
        sourceIPs: change.sourceIP,
        responseCode: change.responseCode,
        clusterUUID: range.clusterUUID,
      });
    }
  }
  return events.sort((a, b) => a.eventTime - b.eventTime || a.auditID.localeCompare(b.auditID));
}

/** A UUID-shaped id, as the API server gives each request, derived from what the change is. */
function auditId(seed: number, second: number, change: PolicyChange): string {
  const hex = createHash('sha256')
    .update(`${seed}:${second}:${change.verb}:${change.resource}:${change.policyName}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
