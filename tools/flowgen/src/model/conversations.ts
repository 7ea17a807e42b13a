import { Protocol, RuleAction } from '@flowlens/flow-schema';
import { reportBuilder, type Cluster, type Endpoint, type Pod, type Service } from './cluster.ts';
import { injectedConversations, type Injection } from './injections.ts';
import { policyRule, type PolicyRule } from './policies.ts';

// Who talks to whom: each conversation opens connections at a rate, with durations and sizes, and
// meets the policies that decide it. The anomalies are conversations too, switched on at fixed
// offsets from the start of the generated time range so any backfill of an hour or more shows them.

/** One place a connection can go: an endpoint and port, through a Service or not. */
export interface Destination {
  readonly endpoint: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
  readonly service?: { readonly clusterIP: string; readonly port: number; readonly portName: string };
}

export interface Conversation {
  readonly name: string;
  /** Who opens connections at this second (job pods only while the job runs). */
  readonly sources: (second: number) => readonly Endpoint[];
  readonly destinations: readonly Destination[];
  /** New connections per second, averaged over a day, before --scale. */
  readonly connectionsPerSecond: number;
  readonly durationSeconds: readonly [number, number];
  /** Bytes one connection carries, drawn log-uniformly; ignored for denied connections. */
  readonly forwardBytes: readonly [number, number];
  readonly reverseBytes: readonly [number, number];
  readonly ingressRule?: PolicyRule;
  readonly egressRule?: PolicyRule;
  /** User-driven traffic follows the day; scrapes, pools and anomalies do not. */
  readonly followsDaylight: boolean;
  readonly activeAt?: (second: number) => boolean;
  /**
   * A single connection that runs for the whole simulation at a constant rate, instead of
   * connections opened at `connectionsPerSecond`: what a rate computation must read exactly.
   */
  readonly steady?: { readonly forwardBitsPerSecond: number; readonly reverseBitsPerSecond: number };
  /** Opens connections at exactly its rate, whatever --scale says (injected anomalies). */
  readonly unscaled?: boolean;
}

export interface Anomalies {
  /** The drop bursts start this long after the range start, then every `dropBurstEverySeconds`. */
  readonly dropBurstOffsetSeconds: number;
  readonly dropBurstEverySeconds: number;
  readonly dropBurstSeconds: number;
  /** The new talker appears this long after the range start and keeps talking. */
  readonly newTalkerOffsetSeconds: number;
}

export const anomalies: Anomalies = {
  dropBurstOffsetSeconds: 20 * 60,
  dropBurstEverySeconds: 6 * 3600,
  dropBurstSeconds: 180,
  newTalkerOffsetSeconds: 30 * 60,
};

export interface ConversationChoices {
  /** The periodic drop burst and the new talker (default on). */
  builtInAnomalies?: boolean;
  /**
   * Stationary traffic: no day and night, no hourly batch job; every conversation at its average
   * rate all the time. What a detector's false-alarm rate is measured on.
   */
  steadyTraffic?: boolean;
  injections?: readonly Injection[];
}

export function buildConversations(
  cluster: Cluster,
  rangeStart: number,
  choices: ConversationChoices = {}
): Conversation[] {
  const pods = (namespace: string, workload: string): readonly Pod[] => cluster.workloadPods(namespace, workload);
  const always = (endpoints: readonly Endpoint[]) => () => endpoints;
  const whileJobRuns = (second: number): readonly Endpoint[] => cluster.jobPodsAt(reportBuilder, second);
  const via = (namespace: string, name: string, portName = 'http'): Destination[] =>
    throughService(cluster.service(namespace, name), portName, cluster);
  const outside = (role: string, port: number, protocol: Protocol = Protocol.tcp): Destination[] =>
    cluster.externalsWithRole(role).map((endpoint) => ({ endpoint, port, protocol }));
  const direct = (targets: readonly Pod[], ports: readonly number[]): Destination[] =>
    targets.flatMap((endpoint) => ports.map((port) => ({ endpoint, port, protocol: Protocol.tcp })));

  const webClients = cluster.externalsWithRole('web clients');
  const productpage = pods('bookinfo', 'productpage-v1');
  const api = pods('shop', 'api');
  const worker = pods('shop', 'worker');
  const mongodb = pods('shop', 'mongodb');
  const debugToolbox = pods('dev', 'debug-toolbox');
  const coredns = pods('kube-system', 'coredns');
  const everyLongLivedPod = cluster.pods.filter((pod) => pod.workload !== 'coredns');
  const { allow, drop, reject } = RuleAction;

  const bookinfo: Conversation[] = [
    {
      name: 'web clients → productpage',
      sources: always(webClients),
      destinations: via('bookinfo', 'productpage'),
      ...shortHttp(6, [400, 1500], [4_000, 60_000]),
    },
    {
      name: 'productpage → details',
      sources: always(productpage),
      destinations: via('bookinfo', 'details'),
      ...shortHttp(6, [300, 600], [800, 2_000]),
    },
    {
      name: 'productpage → reviews',
      sources: always(productpage),
      destinations: via('bookinfo', 'reviews'),
      ...shortHttp(6, [300, 600], [1_000, 4_000]),
    },
    {
      // In bookinfo only reviews v2 and v3 show stars, so only they call ratings.
      name: 'reviews → ratings',
      sources: always([...pods('bookinfo', 'reviews-v2'), ...pods('bookinfo', 'reviews-v3')]),
      destinations: via('bookinfo', 'ratings'),
      ...shortHttp(4, [200, 400], [200, 400]),
      ingressRule: policyRule('bookinfo/ratings-allow-reviews', 'ingress', allow),
    },
  ];

  const platform: Conversation[] = [
    {
      name: 'pods → kube-dns',
      sources: (second) => [...everyLongLivedPod, ...whileJobRuns(second)],
      destinations: via('kube-system', 'kube-dns', 'dns'),
      connectionsPerSecond: 25,
      durationSeconds: [0, 0],
      forwardBytes: [60, 120],
      reverseBytes: [100, 300],
      egressRule: policyRule('allow-dns', 'egress', allow),
      followsDaylight: true,
    },
    {
      name: 'coredns → upstream DNS',
      sources: always(coredns),
      destinations: outside('upstream DNS', 53, Protocol.udp),
      connectionsPerSecond: 3,
      durationSeconds: [0, 0],
      forwardBytes: [60, 120],
      reverseBytes: [100, 500],
      followsDaylight: true,
    },
    {
      name: 'prometheus → metrics endpoints',
      sources: always(pods('monitoring', 'prometheus')),
      destinations: [...direct(api, [9090]), ...direct(worker, [9090]), ...direct(coredns, [9153])],
      connectionsPerSecond: 0.5,
      durationSeconds: [0, 0],
      forwardBytes: [200, 400],
      reverseBytes: [5_000, 50_000],
      ingressRule: policyRule('allow-monitoring', 'ingress', allow),
      followsDaylight: false,
    },
    {
      // Remote write keeps one HTTP/2 connection open and streams samples at a steady rate.
      name: 'prometheus → metrics backend (remote write)',
      sources: always(pods('monitoring', 'prometheus')),
      destinations: outside('metrics backend', 443),
      connectionsPerSecond: 0,
      durationSeconds: [0, 0],
      forwardBytes: [0, 0],
      reverseBytes: [0, 0],
      followsDaylight: false,
      steady: { forwardBitsPerSecond: 2_000_000, reverseBitsPerSecond: 40_000 },
    },
  ];

  const shop: Conversation[] = [
    {
      name: 'web clients → api',
      sources: always(webClients),
      destinations: via('shop', 'api'),
      ...shortHttp(10, [500, 3_000], [1_000, 20_000]),
      durationSeconds: [0, 2],
      ingressRule: policyRule('shop/api-ingress', 'ingress', allow),
    },
    {
      name: 'api → worker',
      sources: always(api),
      destinations: via('shop', 'worker', 'grpc'),
      connectionsPerSecond: 0.05,
      durationSeconds: [300, 1_800],
      forwardBytes: [2e6, 4e7],
      reverseBytes: [4e6, 8e7],
      ingressRule: policyRule('shop/worker-ingress', 'ingress', allow),
      followsDaylight: false,
    },
    {
      name: 'worker → mongodb',
      sources: always(worker),
      destinations: via('shop', 'mongodb', 'mongodb'),
      connectionsPerSecond: 0.02,
      durationSeconds: [600, 3_600],
      forwardBytes: [1e6, 2e8],
      reverseBytes: [5e6, 5e8],
      ingressRule: policyRule('shop/mongodb-allow-worker', 'ingress', allow),
      followsDaylight: false,
    },
    {
      name: 'worker → payments API',
      sources: always(worker),
      destinations: outside('payments API', 443),
      ...shortHttp(2, [1_000, 4_000], [2_000, 8_000]),
      durationSeconds: [0, 3],
      egressRule: policyRule('shop/worker-egress', 'egress', allow),
    },
  ];

  const reportBuilderEgress = policyRule('reports/report-builder-egress', 'egress', allow);
  const batch: Conversation[] = [
    {
      name: 'report-builder → api',
      sources: whileJobRuns,
      destinations: via('shop', 'api'),
      ...shortHttp(3, [300, 1_000], [10_000, 500_000]),
      durationSeconds: [0, 2],
      egressRule: reportBuilderEgress,
      ingressRule: policyRule('shop/api-ingress', 'ingress', allow),
      followsDaylight: false,
    },
    {
      name: 'report-builder → object storage',
      sources: whileJobRuns,
      destinations: outside('object storage', 443),
      connectionsPerSecond: 1,
      durationSeconds: [2, 20],
      forwardBytes: [1e5, 5e6],
      reverseBytes: [1_000, 5_000],
      egressRule: reportBuilderEgress,
      followsDaylight: false,
    },
    {
      name: 'report-builder → mongodb (isolated by its policy)',
      sources: whileJobRuns,
      destinations: via('shop', 'mongodb', 'mongodb'),
      ...denied(0.5),
      egressRule: reportBuilderEgress,
      ingressRule: policyRule('shop/mongodb-allow-worker', 'ingress', drop),
    },
    {
      name: 'report-builder → worker (only api may call it)',
      sources: whileJobRuns,
      destinations: via('shop', 'worker', 'grpc'),
      ...denied(0.3),
      egressRule: reportBuilderEgress,
      ingressRule: policyRule('shop/worker-ingress', 'ingress', reject),
    },
    {
      name: 'report-builder → unknown host',
      sources: whileJobRuns,
      destinations: outside('unknown host', 443),
      ...denied(0.2),
      egressRule: policyRule('reports/report-builder-egress', 'egress', drop),
    },
  ];

  const denials: Conversation[] = [
    {
      name: 'debug-toolbox → api',
      sources: always(debugToolbox),
      destinations: via('shop', 'api'),
      ...denied(0.05),
      ingressRule: policyRule('shop/api-ingress', 'ingress', drop),
    },
    {
      name: 'debug-toolbox → kube-dns metrics',
      sources: always(debugToolbox),
      destinations: via('kube-system', 'kube-dns', 'metrics'),
      ...denied(0.03),
      ingressRule: policyRule('protect-kube-system', 'ingress', drop),
    },
    {
      name: 'debug-toolbox → crypto mining pool',
      sources: always(debugToolbox),
      destinations: outside('crypto mining pool', 3333),
      ...denied(0.02),
      egressRule: policyRule('block-crypto-mining', 'egress', drop),
    },
    {
      name: 'blocklisted scanner → productpage',
      sources: always(cluster.externalsWithRole('blocklisted scanner')),
      destinations: via('bookinfo', 'productpage'),
      ...denied(0.1),
      ingressRule: policyRule('block-blocklisted-ips', 'ingress', reject),
    },
    {
      name: 'details → book metadata over plain HTTP',
      sources: always(pods('bookinfo', 'details-v1')),
      destinations: outside('book metadata API', 80),
      ...denied(0.2),
      egressRule: policyRule('bookinfo/details-egress', 'egress', reject),
    },
    {
      name: 'api → telemetry collector',
      sources: always(api),
      destinations: outside('telemetry collector', 443),
      ...denied(0.1),
      egressRule: policyRule('shop/api-egress', 'egress', drop),
    },
    {
      name: 'worker → SMTP relay',
      sources: always(worker),
      destinations: outside('SMTP relay', 25),
      ...denied(0.05),
      egressRule: policyRule('restrict-smtp', 'egress', reject),
    },
  ];

  const anomalous: Conversation[] = [
    {
      name: 'drop burst: debug-toolbox scans the databases',
      sources: always(debugToolbox),
      destinations: direct(mongodb, [22, 3306, 5432, 6379, ...range(27017, 27031)]),
      ...denied(150),
      ingressRule: policyRule('protect-databases', 'ingress', drop),
      activeAt: (second) => {
        const since = second - rangeStart - anomalies.dropBurstOffsetSeconds;
        return since >= 0 && since % anomalies.dropBurstEverySeconds < anomalies.dropBurstSeconds;
      },
    },
    {
      name: 'new talker: debug-toolbox uploads to a file sharing site',
      sources: always(debugToolbox),
      destinations: outside('file sharing site', 443),
      connectionsPerSecond: 0.5,
      durationSeconds: [5, 60],
      forwardBytes: [1e6, 3e7],
      reverseBytes: [1_000, 10_000],
      followsDaylight: false,
      activeAt: (second) => second >= rangeStart + anomalies.newTalkerOffsetSeconds,
    },
  ];

  const all = [
    ...bookinfo,
    ...platform,
    ...shop,
    ...(choices.steadyTraffic ? [] : batch),
    ...denials,
    ...(choices.builtInAnomalies === false ? [] : anomalous),
    ...injectedConversations(cluster, choices.injections ?? []),
  ];
  return choices.steadyTraffic ? all.map((conversation) => ({ ...conversation, followsDaylight: false })) : all;
}

function throughService(service: Service, portName: string, cluster: Cluster): Destination[] {
  const port = cluster.servicePort(service, portName);
  return service.backends.map((endpoint) => ({
    endpoint,
    port: port.targetPort,
    protocol: port.protocol,
    service: {
      clusterIP: service.clusterIP,
      port: port.port,
      portName: `${service.namespace}/${service.name}:${port.name}`,
    },
  }));
}

function shortHttp(
  connectionsPerSecond: number,
  forwardBytes: readonly [number, number],
  reverseBytes: readonly [number, number]
) {
  return {
    connectionsPerSecond,
    durationSeconds: [0, 1] as const,
    forwardBytes,
    reverseBytes,
    followsDaylight: true,
  };
}

/** Denied connections carry only what the client sent; their size comes from the simulation. */
function denied(connectionsPerSecond: number) {
  return {
    connectionsPerSecond,
    durationSeconds: [0, 0] as const,
    forwardBytes: [0, 0] as const,
    reverseBytes: [0, 0] as const,
    followsDaylight: false,
  };
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
