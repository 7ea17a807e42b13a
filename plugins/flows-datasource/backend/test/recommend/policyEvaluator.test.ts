import { describe, expect, it } from 'vitest';
import { PolicyEvaluator, type Probe, type ProbeEnd } from '../../src/recommend/evaluator/policyEvaluator.ts';
import type {
  AntreaClusterNetworkPolicy,
  AntreaNetworkPolicy,
  KubernetesNetworkPolicy,
  RecommendedPolicy,
} from '../../src/recommend/policyTypes.ts';

const pod = (namespace: string, labels: Record<string, string>): ProbeEnd => ({ kind: 'pod', namespace, labels });
const outside = (ip: string): ProbeEnd => ({ kind: 'external', ip });
const tcp = (source: ProbeEnd, destination: ProbeEnd, port: number, service?: Probe['service']): Probe => ({
  source,
  destination,
  port,
  protocol: 6,
  ...(service ? { service } : {}),
});
const ns = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

const web = pod('shop', { app: 'web' });
const api = pod('shop', { app: 'api' });
const db = pod('data', { app: 'db' });
const otherWeb = pod('blog', { app: 'web' });

function k8s(
  namespace: string,
  podSelector: KubernetesNetworkPolicy['spec']['podSelector'],
  spec: Partial<KubernetesNetworkPolicy['spec']>
): KubernetesNetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np-${Object.values(podSelector.matchLabels ?? {}).join('-') || 'all'}`, namespace, labels: {} },
    spec: { podSelector, policyTypes: ['Ingress', 'Egress'], ...spec },
  };
}

function allowed(policies: RecommendedPolicy[], probe: Probe): boolean {
  return new PolicyEvaluator(policies).evaluate(probe).allowed;
}

describe('Kubernetes NetworkPolicy semantics', () => {
  const apiIngressFromWeb = k8s(
    'shop',
    { matchLabels: { app: 'api' } },
    {
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    }
  );

  it.each([
    ['an unselected pod allows everything', [], tcp(web, api, 1234), true],
    [
      'a selected pod is isolated in that direction only: web → api on the allowed port',
      [apiIngressFromWeb],
      tcp(web, api, 8080),
      true,
    ],
    ['… but not on another port', [apiIngressFromWeb], tcp(web, api, 9090), false],
    [
      '… a lone podSelector means the policy namespace: blog/web is not shop/web',
      [apiIngressFromWeb],
      tcp(otherWeb, api, 8080),
      false,
    ],
    ['… api’s egress stays open (only Ingress isolated)', [apiIngressFromWeb], tcp(api, db, 5432), true],
  ] as const)('%s', (_, policies, probe, expected) => {
    expect(allowed([...policies], probe)).toBe(expected);
  });

  it('allows the union of every policy selecting a pod', () => {
    const second = k8s(
      'shop',
      { matchLabels: { app: 'api' } },
      {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: ns('blog') }] }],
      }
    );
    second.metadata.name = 'np-api-from-blog';
    expect(allowed([apiIngressFromWeb, second], tcp(otherWeb, api, 7777))).toBe(true);
    expect(allowed([apiIngressFromWeb, second], tcp(web, api, 7777))).toBe(false);
  });

  it('ANDs namespaceSelector and podSelector in one peer, ORs separate peers', () => {
    const dbIngress = k8s(
      'data',
      { matchLabels: { app: 'db' } },
      {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: ns('shop'), podSelector: { matchLabels: { app: 'api' } } }] }],
      }
    );
    expect(allowed([dbIngress], tcp(api, db, 5432))).toBe(true);
    expect(allowed([dbIngress], tcp(web, db, 5432))).toBe(false);
    const either = k8s(
      'data',
      { matchLabels: { app: 'db' } },
      {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: ns('shop') }, { podSelector: { matchLabels: { app: 'api' } } }] }],
      }
    );
    expect(allowed([either], tcp(web, db, 5432))).toBe(true);
  });

  it('matches ipBlock with its exceptions, IPv4 and IPv6', () => {
    const egress = k8s(
      'shop',
      { matchLabels: { app: 'web' } },
      {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: '198.51.100.0/24', except: ['198.51.100.66/32'] } },
              { ipBlock: { cidr: '2001:db8::/32' } },
            ],
          },
        ],
      }
    );
    expect(allowed([egress], tcp(web, outside('198.51.100.20'), 443))).toBe(true);
    expect(allowed([egress], tcp(web, outside('198.51.100.66'), 443))).toBe(false);
    expect(allowed([egress], tcp(web, outside('2001:db8::1'), 443))).toBe(true);
    expect(allowed([egress], tcp(web, outside('2001:db9::1'), 443))).toBe(false);
  });

  it('needs both ends: egress at the source and ingress at the destination', () => {
    const webEgressNone = k8s('shop', { matchLabels: { app: 'web' } }, { policyTypes: ['Egress'] });
    const verdict = new PolicyEvaluator([apiIngressFromWeb, webEgressNone]).evaluate(tcp(web, api, 8080));
    expect(verdict).toMatchObject({ allowed: false, egress: { allowed: false }, ingress: { allowed: true } });
  });

  it('reads an empty ports list as every port, and a port without number as every port of the protocol', () => {
    const any = k8s(
      'shop',
      { matchLabels: { app: 'api' } },
      {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'UDP' }] }],
      }
    );
    expect(allowed([any], { ...tcp(web, api, 53), protocol: 17 })).toBe(true);
    expect(allowed([any], tcp(web, api, 53))).toBe(false);
  });
});

describe('Antrea-native policy semantics', () => {
  const allowWebToApi: AntreaNetworkPolicy = {
    apiVersion: 'crd.antrea.io/v1beta1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-api', namespace: 'shop', labels: {} },
    spec: {
      tier: 'application',
      priority: 5,
      appliedTo: [{ podSelector: { matchLabels: { app: 'api' } } }],
      ingress: [
        {
          name: 'web',
          action: 'Allow',
          from: [{ podSelector: { matchLabels: { app: 'web' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    },
  };
  const rejectApi: AntreaClusterNetworkPolicy = {
    apiVersion: 'crd.antrea.io/v1beta1',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'deny-api', labels: {} },
    spec: {
      tier: 'baseline',
      priority: 5,
      appliedTo: [{ namespaceSelector: ns('shop'), podSelector: { matchLabels: { app: 'api' } } }],
      ingress: [{ name: 'rest', action: 'Reject' }],
      egress: [{ name: 'rest', action: 'Reject' }],
    },
  };

  it('isolates nothing by itself: an allow policy alone leaves other traffic allowed', () => {
    expect(allowed([allowWebToApi], tcp(otherWeb, api, 8080))).toBe(true);
  });

  it('applies the baseline deny after the application-tier allows', () => {
    expect(allowed([allowWebToApi, rejectApi], tcp(web, api, 8080))).toBe(true);
    expect(allowed([allowWebToApi, rejectApi], tcp(otherWeb, api, 8080))).toBe(false);
    expect(allowed([allowWebToApi, rejectApi], tcp(api, db, 5432))).toBe(false);
  });

  it('lets a Kubernetes NetworkPolicy allow what the baseline tier would deny, as Antrea orders them', () => {
    const k8sAllow = k8s(
      'shop',
      { matchLabels: { app: 'api' } },
      {
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: ns('data') }] }],
      }
    );
    expect(allowed([rejectApi, k8sAllow], tcp(api, db, 5432))).toBe(true);
  });

  it('reads a lone podSelector in a ClusterNetworkPolicy peer as every namespace', () => {
    const platformAllow: AntreaClusterNetworkPolicy = {
      ...rejectApi,
      metadata: { name: 'platform', labels: {} },
      spec: {
        tier: 'platform',
        priority: 5,
        appliedTo: [{ namespaceSelector: ns('shop') }],
        ingress: [{ name: 'cluster', action: 'Allow', from: [{ podSelector: {} }] }],
      },
    };
    expect(allowed([platformAllow, rejectApi], tcp(db, api, 8080))).toBe(true);
    expect(allowed([platformAllow, rejectApi], tcp(outside('203.0.113.9'), api, 8080))).toBe(false);
  });

  it('matches toServices by the Service the connection went through', () => {
    const toService: AntreaNetworkPolicy = {
      ...allowWebToApi,
      metadata: { name: 'web-egress', namespace: 'shop', labels: {} },
      spec: {
        tier: 'application',
        priority: 5,
        appliedTo: [{ podSelector: { matchLabels: { app: 'web' } } }],
        egress: [{ name: 'svc', action: 'Allow', toServices: [{ name: 'api', namespace: 'shop' }] }],
      },
    };
    const denyWeb: AntreaClusterNetworkPolicy = {
      ...rejectApi,
      spec: {
        ...rejectApi.spec,
        appliedTo: [{ namespaceSelector: ns('shop'), podSelector: { matchLabels: { app: 'web' } } }],
      },
    };
    expect(allowed([toService, denyWeb], tcp(web, api, 8080, { namespace: 'shop', name: 'api' }))).toBe(true);
    expect(allowed([toService, denyWeb], tcp(web, api, 8080))).toBe(false);
  });

  it('matches ICMP through protocols', () => {
    const icmp: AntreaNetworkPolicy = {
      ...allowWebToApi,
      spec: {
        ...allowWebToApi.spec,
        ingress: [{ name: 'ping', action: 'Allow', from: [{ podSelector: {} }], protocols: [{ icmp: {} }] }],
      },
    };
    expect(allowed([icmp, rejectApi], { ...tcp(web, api, 0), protocol: 1 })).toBe(true);
    expect(allowed([icmp, rejectApi], tcp(web, api, 0))).toBe(false);
  });
});
