import { Protocol } from '@flowlens/flow-schema';
import { Random } from '../random.ts';

// The demo cluster: four nodes, kube-system's DNS, a bookinfo-like app, a three-tier shop, an hourly
// batch job, monitoring, a developer's debug pod, and the outside world. Built once per seed.

export interface Node {
  readonly name: string;
  readonly ip: string;
  /** First three octets of the node's pod CIDR (a /24), e.g. "10.244.1". */
  readonly podSubnet: string;
  /** Each node's flow exporter polls conntrack on its own 5 s grid; this is its offset in seconds. */
  readonly pollOffset: number;
}

export interface Pod {
  readonly kind: 'pod';
  readonly id: number;
  readonly name: string;
  readonly namespace: string;
  readonly node: Node;
  readonly ip: string;
  readonly labelsJson: string;
  readonly workload: string;
}

export interface ExternalEndpoint {
  readonly kind: 'external';
  readonly id: number;
  readonly ip: string;
  /** What this address is, in the operator's words ("payments API"). */
  readonly role: string;
}

export type Endpoint = Pod | ExternalEndpoint;

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
  readonly protocol: Protocol;
}

export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly clusterIP: string;
  readonly ports: readonly ServicePort[];
  readonly backends: readonly Pod[];
}

/** Antrea Egress: the namespace's traffic to the outside leaves SNATed through one node's IP. */
export interface EgressGateway {
  readonly namespace: string;
  readonly name: string;
  readonly ip: string;
  readonly nodeName: string;
}

export interface CronJob {
  readonly namespace: string;
  readonly name: string;
  readonly everySeconds: number;
  /** Seconds after each period's start at which the job's pods start. */
  readonly startOffsetSeconds: number;
  readonly runSeconds: number;
  readonly parallelism: number;
  readonly labels: Readonly<Record<string, string>>;
}

interface WorkloadSpec {
  namespace: string;
  name: string;
  kind: 'Deployment' | 'StatefulSet';
  replicas: number;
  labels: Record<string, string>;
  /** Where the scheduler put it; spread over the workers when absent. */
  nodes?: string[];
}

const nodeSpecs = [
  { name: 'control-plane', ip: '172.18.0.2', podSubnet: '10.244.0' },
  { name: 'worker-1', ip: '172.18.0.3', podSubnet: '10.244.1' },
  { name: 'worker-2', ip: '172.18.0.4', podSubnet: '10.244.2' },
  { name: 'worker-3', ip: '172.18.0.5', podSubnet: '10.244.3' },
];

const workloadSpecs: WorkloadSpec[] = [
  {
    namespace: 'kube-system',
    name: 'coredns',
    kind: 'Deployment',
    replicas: 2,
    labels: { 'k8s-app': 'kube-dns' },
    nodes: ['control-plane', 'worker-1'],
  },
  {
    namespace: 'bookinfo',
    name: 'productpage-v1',
    kind: 'Deployment',
    replicas: 2,
    labels: { app: 'productpage', version: 'v1' },
  },
  {
    namespace: 'bookinfo',
    name: 'details-v1',
    kind: 'Deployment',
    replicas: 1,
    labels: { app: 'details', version: 'v1' },
  },
  {
    namespace: 'bookinfo',
    name: 'reviews-v1',
    kind: 'Deployment',
    replicas: 1,
    labels: { app: 'reviews', version: 'v1' },
  },
  {
    namespace: 'bookinfo',
    name: 'reviews-v2',
    kind: 'Deployment',
    replicas: 1,
    labels: { app: 'reviews', version: 'v2' },
  },
  {
    namespace: 'bookinfo',
    name: 'reviews-v3',
    kind: 'Deployment',
    replicas: 1,
    labels: { app: 'reviews', version: 'v3' },
  },
  {
    namespace: 'bookinfo',
    name: 'ratings-v1',
    kind: 'Deployment',
    replicas: 1,
    labels: { app: 'ratings', version: 'v1' },
  },
  { namespace: 'shop', name: 'api', kind: 'Deployment', replicas: 3, labels: { app: 'shop', tier: 'api' } },
  { namespace: 'shop', name: 'worker', kind: 'Deployment', replicas: 2, labels: { app: 'shop', tier: 'worker' } },
  { namespace: 'shop', name: 'mongodb', kind: 'StatefulSet', replicas: 1, labels: { app: 'mongodb', tier: 'db' } },
  {
    namespace: 'monitoring',
    name: 'prometheus',
    kind: 'StatefulSet',
    replicas: 1,
    labels: { 'app.kubernetes.io/name': 'prometheus' },
  },
  { namespace: 'dev', name: 'debug-toolbox', kind: 'Deployment', replicas: 1, labels: { app: 'debug-toolbox' } },
];

const serviceSpecs: {
  namespace: string;
  name: string;
  workloads: string[];
  ports: ServicePort[];
  clusterIP?: string;
}[] = [
  {
    namespace: 'kube-system',
    name: 'kube-dns',
    workloads: ['coredns'],
    clusterIP: '10.96.0.10',
    ports: [
      { name: 'dns', port: 53, targetPort: 53, protocol: Protocol.udp },
      { name: 'dns-tcp', port: 53, targetPort: 53, protocol: Protocol.tcp },
      { name: 'metrics', port: 9153, targetPort: 9153, protocol: Protocol.tcp },
    ],
  },
  { namespace: 'bookinfo', name: 'productpage', workloads: ['productpage-v1'], ports: [http(9080)] },
  { namespace: 'bookinfo', name: 'details', workloads: ['details-v1'], ports: [http(9080)] },
  {
    namespace: 'bookinfo',
    name: 'reviews',
    workloads: ['reviews-v1', 'reviews-v2', 'reviews-v3'],
    ports: [http(9080)],
  },
  { namespace: 'bookinfo', name: 'ratings', workloads: ['ratings-v1'], ports: [http(9080)] },
  { namespace: 'shop', name: 'api', workloads: ['api'], ports: [http(8080)] },
  {
    namespace: 'shop',
    name: 'worker',
    workloads: ['worker'],
    ports: [{ name: 'grpc', port: 7070, targetPort: 7070, protocol: Protocol.tcp }],
  },
  {
    namespace: 'shop',
    name: 'mongodb',
    workloads: ['mongodb'],
    ports: [{ name: 'mongodb', port: 27017, targetPort: 27017, protocol: Protocol.tcp }],
  },
];

// Documentation address ranges (RFC 5737), so demo data never names a real host.
const externalSpecs: { role: string; ips: string[] }[] = [
  { role: 'web clients', ips: Array.from({ length: 40 }, (_, i) => `203.0.113.${10 + i}`) },
  { role: 'upstream DNS', ips: ['192.0.2.53'] },
  { role: 'payments API', ips: ['198.51.100.20'] },
  { role: 'object storage', ips: ['198.51.100.30'] },
  { role: 'telemetry collector', ips: ['198.51.100.66'] },
  { role: 'SMTP relay', ips: ['198.51.100.25'] },
  { role: 'book metadata API', ips: ['198.51.100.80'] },
  { role: 'unknown host', ips: ['203.0.113.99'] },
  { role: 'crypto mining pool', ips: ['192.0.2.66'] },
  { role: 'blocklisted scanner', ips: ['203.0.113.200'] },
  { role: 'file sharing site', ips: ['192.0.2.99'] },
  { role: 'metrics backend', ips: ['198.51.100.90'] },
];

export const reportBuilder: CronJob = {
  namespace: 'reports',
  name: 'report-builder',
  everySeconds: 3600,
  startOffsetSeconds: 300,
  runSeconds: 480,
  parallelism: 2,
  labels: { app: 'report-builder' },
};

export class Cluster {
  readonly uuid: string;
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly externals: readonly ExternalEndpoint[];
  readonly egressGateways: readonly EgressGateway[];
  private readonly seed: number;
  private nextEndpointId = 0;
  private readonly podsPerJobRun = new Map<number, readonly Pod[]>();

  constructor(seed: number) {
    const random = new Random(seed).fork('cluster');
    this.seed = seed;
    this.uuid = uuidFrom(random);
    this.nodes = nodeSpecs.map((spec, index) => ({ ...spec, pollOffset: index % 5 }));
    const workers = this.nodes.filter((node) => node.name !== 'control-plane');
    const nextHost = new Map<string, number>(this.nodes.map((node) => [node.name, 2]));

    const pods: Pod[] = [];
    for (const spec of workloadSpecs) {
      const placement = spec.nodes?.map((name) => this.node(name)) ?? workers;
      const first = random.int(0, placement.length - 1);
      const templateHash = random.kubernetesSuffix(10);
      for (let replica = 0; replica < spec.replicas; replica++) {
        const node = placement[(first + replica) % placement.length] as Node;
        const host = nextHost.get(node.name) as number;
        nextHost.set(node.name, host + 1);
        const name =
          spec.kind === 'StatefulSet'
            ? `${spec.name}-${replica}`
            : `${spec.name}-${templateHash}-${random.kubernetesSuffix(5)}`;
        const labels =
          spec.kind === 'StatefulSet'
            ? {
                ...spec.labels,
                'controller-revision-hash': `${spec.name}-${templateHash}`,
                'statefulset.kubernetes.io/pod-name': name,
              }
            : { ...spec.labels, 'pod-template-hash': templateHash };
        pods.push(this.pod(name, spec.namespace, node, `${node.podSubnet}.${host}`, labels, spec.name));
      }
    }
    this.pods = pods;

    const usedClusterIPs = new Set<string>(['10.96.0.1', '10.96.0.10']);
    this.services = serviceSpecs.map((spec) => {
      let clusterIP = spec.clusterIP;
      while (!clusterIP || (!spec.clusterIP && usedClusterIPs.has(clusterIP))) {
        clusterIP = `10.96.${random.int(1, 254)}.${random.int(1, 254)}`;
      }
      usedClusterIPs.add(clusterIP);
      const backends = pods.filter((pod) => pod.namespace === spec.namespace && spec.workloads.includes(pod.workload));
      return { namespace: spec.namespace, name: spec.name, clusterIP, ports: spec.ports, backends };
    });

    this.externals = externalSpecs.flatMap((spec) =>
      spec.ips.map((ip) => ({ kind: 'external' as const, id: this.nextEndpointId++, ip, role: spec.role }))
    );
    this.egressGateways = [{ namespace: 'shop', name: 'shop-egress', ip: '172.18.0.100', nodeName: 'worker-2' }];
  }

  node(name: string): Node {
    return found(
      this.nodes.find((node) => node.name === name),
      `node ${name}`
    );
  }

  /** Pods of a Deployment or StatefulSet, e.g. workloadPods('shop', 'api'). */
  workloadPods(namespace: string, workload: string): readonly Pod[] {
    const pods = this.pods.filter((pod) => pod.namespace === namespace && pod.workload === workload);
    return found(pods.length > 0 ? pods : undefined, `workload ${namespace}/${workload}`);
  }

  service(namespace: string, name: string): Service {
    return found(
      this.services.find((service) => service.namespace === namespace && service.name === name),
      `service ${namespace}/${name}`
    );
  }

  servicePort(service: Service, portName: string): ServicePort {
    return found(
      service.ports.find((port) => port.name === portName),
      `port ${portName} of service ${service.namespace}/${service.name}`
    );
  }

  externalsWithRole(role: string): readonly ExternalEndpoint[] {
    const endpoints = this.externals.filter((endpoint) => endpoint.role === role);
    return found(endpoints.length > 0 ? endpoints : undefined, `external endpoint "${role}"`);
  }

  egressGatewayFor(namespace: string): EgressGateway | undefined {
    return this.egressGateways.find((gateway) => gateway.namespace === namespace);
  }

  /** The job's pods running at this second (none between runs). Each run has new pods, names and IPs. */
  jobPodsAt(job: CronJob, second: number): readonly Pod[] {
    const sincePeriod = (((second - job.startOffsetSeconds) % job.everySeconds) + job.everySeconds) % job.everySeconds;
    if (sincePeriod >= job.runSeconds) {
      return [];
    }
    const runStart = second - sincePeriod;
    let pods = this.podsPerJobRun.get(runStart);
    if (!pods) {
      pods = this.jobRunPods(job, runStart);
      this.podsPerJobRun.set(runStart, pods);
      // Only the current and the previous run can still have open connections.
      this.podsPerJobRun.delete(runStart - 2 * job.everySeconds);
    }
    return pods;
  }

  private jobRunPods(job: CronJob, runStart: number): readonly Pod[] {
    // Named by the schedule time, as the CronJob controller does, so a run looks the same whatever
    // time range a backfill starts at.
    const random = new Random(`${this.seed}:${job.namespace}/${job.name}:${runStart}`);
    const runIndex = Math.floor(runStart / job.everySeconds);
    const jobName = `${job.name}-${Math.floor(runStart / 60)}`;
    const workers = this.nodes.filter((node) => node.name !== 'control-plane');
    return Array.from({ length: job.parallelism }, (_, index) => {
      const node = random.pick(workers);
      // Job pods take addresses from the top half of the node's /24, away from long-lived pods.
      const host = 100 + ((runIndex * job.parallelism + index) % 150);
      const labels = { ...job.labels, 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName };
      return this.pod(
        `${jobName}-${random.kubernetesSuffix(5)}`,
        job.namespace,
        node,
        `${node.podSubnet}.${host}`,
        labels,
        job.name
      );
    });
  }

  private pod(
    name: string,
    namespace: string,
    node: Node,
    ip: string,
    labels: Record<string, string>,
    workload: string
  ): Pod {
    return {
      kind: 'pod',
      id: this.nextEndpointId++,
      name,
      namespace,
      node,
      ip,
      labelsJson: labelsJson(labels),
      workload,
    };
  }
}

/** Pod labels as Antrea exports them: a JSON object, keys sorted. */
function labelsJson(labels: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function http(port: number): ServicePort {
  return { name: 'http', port, targetPort: port, protocol: Protocol.tcp };
}

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((random.int(0, 3) | 8) as number).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`flowgen's cluster model has no ${what}`);
  }
  return value;
}
