import { Protocol, RuleAction } from '@flowlens/flow-schema';
import type { Cluster, Endpoint } from './cluster.ts';
import type { Conversation } from './conversations.ts';
import { policyRule } from './policies.ts';

/**
 * Anomalies placed on purpose, for testing detectors: a burst of rejected connection attempts at a
 * workload, or a burst of upload traffic from one. Deterministic: the same injections, the same records.
 */
export interface Injection {
  kind: 'dropBurst' | 'throughputSpike';
  /** `namespace/workload`, e.g. `shop/api`. */
  target: string;
  /** Unix seconds when it starts. */
  at: number;
  durationSeconds: number;
  /** Drop burst: rejected attempts per second (default 2). Throughput spike: bits per second (default 50 Mbit/s). */
  intensity?: number;
}

export const defaultDropBurstPerSecond = 2;
export const defaultSpikeBitsPerSecond = 50_000_000;
// Spike connections last about 15 s each, one opening per second: together they carry the intensity.
const spikeConnectionSeconds = 15;

export function injectedConversations(cluster: Cluster, injections: readonly Injection[]): Conversation[] {
  return injections.map((injection) => {
    const [namespace, workload] = injection.target.split('/');
    const pods = cluster.workloadPods(namespace ?? '', workload ?? '');
    const activeAt = (second: number) => second >= injection.at && second < injection.at + injection.durationSeconds;
    const always = (endpoints: readonly Endpoint[]) => () => endpoints;
    if (injection.kind === 'dropBurst') {
      return {
        name: `injected drop burst at ${injection.target}`,
        sources: always(cluster.externalsWithRole('blocklisted scanner')),
        destinations: pods.flatMap((endpoint) =>
          [22, 3306, 5432, 6379, 8080].map((port) => ({ endpoint, port, protocol: Protocol.tcp }))
        ),
        connectionsPerSecond: injection.intensity ?? defaultDropBurstPerSecond,
        durationSeconds: [0, 0],
        forwardBytes: [0, 0],
        reverseBytes: [0, 0],
        ingressRule: policyRule('block-blocklisted-ips', 'ingress', RuleAction.reject),
        followsDaylight: false,
        unscaled: true,
        activeAt,
      };
    }
    const bytes = ((injection.intensity ?? defaultSpikeBitsPerSecond) / 8) * spikeConnectionSeconds;
    return {
      name: `injected throughput spike from ${injection.target}`,
      sources: always(pods),
      destinations: cluster
        .externalsWithRole('file sharing site')
        .map((endpoint) => ({ endpoint, port: 443, protocol: Protocol.tcp })),
      connectionsPerSecond: 1,
      durationSeconds: [spikeConnectionSeconds - 1, spikeConnectionSeconds + 1],
      forwardBytes: [bytes * 0.95, bytes * 1.05],
      reverseBytes: [10_000, 20_000],
      followsDaylight: false,
      unscaled: true,
      activeAt,
    };
  });
}
