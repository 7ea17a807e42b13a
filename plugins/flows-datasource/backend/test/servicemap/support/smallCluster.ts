import { labels, type HandMadeFlow } from './handMadeFlows.ts';

/**
 * A cluster small enough to work every number out by hand, in the hour from `t0` (unix seconds):
 * - frontend (web) → Service web/api → two api pods of two ReplicaSets: three connections, 3,600 bytes
 *   in the range (one record started before it: all its bytes count, half of it is in the rate), and
 *   a record ending just after the range (only half of it in the rate, none of it in the bytes);
 * - frontend → 203.0.113.7 outside the cluster (flow type 3): one connection, 1,000 bytes;
 * - frontend → db-0 (data), dropped by the ingress rule of a NetworkPolicy: one connection, 100 bytes;
 * - 198.51.100.9 from outside → Service web/frontend → frontend: one connection, 200 bytes.
 */
export function smallClusterFlows(t0: number): HandMadeFlow[] {
  const frontend = {
    sourceIP: '10.0.1.1',
    sourcePodName: 'frontend-7d4b9c8f6d-abcde',
    sourcePodNamespace: 'web',
    sourceNodeName: 'worker-1',
    sourcePodLabels: labels({ app: 'frontend', 'pod-template-hash': '7d4b9c8f6d' }),
    protocolIdentifier: 6,
  };
  const apiPod = (name: string, ip: string, hash: string) => ({
    destinationIP: ip,
    destinationPodName: name,
    destinationPodNamespace: 'web',
    destinationNodeName: 'worker-1',
    destinationPodLabels: labels({ app: 'api', 'pod-template-hash': hash }),
    destinationTransportPort: 8080,
    destinationClusterIP: '10.96.0.10',
    destinationServicePort: 80,
    destinationServicePortName: 'web/api:http',
    flowType: 1,
  });
  const api1 = apiPod('api-5f6d7c8b9a-xyz12', '10.0.1.2', '5f6d7c8b9a');
  const api2 = apiPod('api-6c8d9e7f5a-qwe34', '10.0.1.3', '6c8d9e7f5a');
  return [
    // Connection 1: two records of 60 s, both inside the range.
    {
      ...frontend,
      ...api1,
      sourceTransportPort: 40001,
      flowStartSeconds: t0 + 100,
      flowEndSeconds: t0 + 160,
      octetDeltaCount: 1000,
      flowEndReason: 2,
    },
    {
      ...frontend,
      ...api1,
      sourceTransportPort: 40001,
      flowStartSeconds: t0 + 100,
      flowEndSeconds: t0 + 220,
      octetDeltaCount: 1000,
      flowEndReason: 3,
    },
    // Connection 2, to the other ReplicaSet's pod.
    {
      ...frontend,
      ...api2,
      sourceTransportPort: 40002,
      flowStartSeconds: t0 + 300,
      flowEndSeconds: t0 + 360,
      octetDeltaCount: 1000,
      flowEndReason: 3,
    },
    // Connection 3 started before the range: its record covers t0 − 30 … t0 + 30, half of it inside.
    {
      ...frontend,
      ...api1,
      sourceTransportPort: 40003,
      flowStartSeconds: t0 - 100,
      flowEndSeconds: t0 + 30,
      octetDeltaCount: 600,
      flowEndReason: 3,
    },
    // Connection 4 ends 30 s after the range: half of its record is inside, in the rate only.
    {
      ...frontend,
      ...api1,
      sourceTransportPort: 40004,
      flowStartSeconds: t0 + 3570,
      flowEndSeconds: t0 + 3630,
      octetDeltaCount: 2000,
      flowEndReason: 3,
    },
    // To the outside.
    {
      ...frontend,
      destinationIP: '203.0.113.7',
      destinationTransportPort: 443,
      flowType: 3,
      sourceTransportPort: 40005,
      flowStartSeconds: t0 + 400,
      flowEndSeconds: t0 + 460,
      octetDeltaCount: 500,
      flowEndReason: 2,
    },
    {
      ...frontend,
      destinationIP: '203.0.113.7',
      destinationTransportPort: 443,
      flowType: 3,
      sourceTransportPort: 40005,
      flowStartSeconds: t0 + 400,
      flowEndSeconds: t0 + 520,
      octetDeltaCount: 500,
      flowEndReason: 3,
    },
    // Dropped by db's NetworkPolicy.
    {
      ...frontend,
      destinationIP: '10.0.2.5',
      destinationPodName: 'db-0',
      destinationPodNamespace: 'data',
      destinationNodeName: 'worker-2',
      destinationPodLabels: labels({
        app: 'db',
        'statefulset.kubernetes.io/pod-name': 'db-0',
        'controller-revision-hash': 'db-7f8c9d',
      }),
      destinationTransportPort: 5432,
      flowType: 2,
      ingressNetworkPolicyName: 'db-only-from-api',
      ingressNetworkPolicyNamespace: 'data',
      ingressNetworkPolicyRuleAction: 2,
      ingressNetworkPolicyType: 1,
      sourceTransportPort: 40006,
      flowStartSeconds: t0 + 600,
      flowEndSeconds: t0 + 660,
      octetDeltaCount: 100,
      flowEndReason: 1,
    },
    // From the outside through the frontend's Service.
    {
      sourceIP: '198.51.100.9',
      sourceTransportPort: 50001,
      protocolIdentifier: 6,
      destinationIP: '10.0.1.1',
      destinationPodName: 'frontend-7d4b9c8f6d-abcde',
      destinationPodNamespace: 'web',
      destinationNodeName: 'worker-1',
      destinationPodLabels: labels({ app: 'frontend', 'pod-template-hash': '7d4b9c8f6d' }),
      destinationTransportPort: 8080,
      destinationClusterIP: '10.96.0.20',
      destinationServicePort: 80,
      destinationServicePortName: 'web/frontend:http',
      flowType: 4,
      flowStartSeconds: t0 + 700,
      flowEndSeconds: t0 + 760,
      octetDeltaCount: 200,
      flowEndReason: 3,
    },
  ];
}

/** Two pods of one workload talking to each other: a map of one node and no edge. */
export function singleWorkloadFlows(t0: number): HandMadeFlow[] {
  const pod = (name: string, ip: string) => ({
    podName: name,
    ip,
    labels: labels({ 'app.kubernetes.io/name': 'cache', 'controller-revision-hash': 'cache-5d' }),
  });
  const [a, b] = [pod('cache-0', '10.0.3.1'), pod('cache-1', '10.0.3.2')];
  return [
    {
      sourceIP: a.ip,
      sourcePodName: a.podName,
      sourcePodNamespace: 'cache',
      sourcePodLabels: a.labels,
      sourceTransportPort: 45000,
      destinationIP: b.ip,
      destinationPodName: b.podName,
      destinationPodNamespace: 'cache',
      destinationPodLabels: b.labels,
      destinationTransportPort: 6379,
      protocolIdentifier: 6,
      flowType: 1,
      flowStartSeconds: t0 + 10,
      flowEndSeconds: t0 + 70,
      octetDeltaCount: 4096,
      flowEndReason: 3,
    },
  ];
}
