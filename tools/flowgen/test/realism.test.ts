import { beforeAll, describe, expect, it } from 'vitest';
import { FlowEndReason, FlowType, Protocol, RuleAction } from '@flowlens/flow-schema';
import { anomalies, Cluster, daylightFactor, defaultFrom, generateFlows, type FlowRecord } from '../src/index.ts';

// One simulated day at a twentieth of the default traffic: every hour of the day, every anomaly
// window, every job run, in a few hundred thousand records.
const seed = 11;
const from = defaultFrom;
const to = from + 86400;
const scale = 0.03;

interface ConnectionState {
  lastEnd: number;
  totals: [number, number, number, number];
  ended: boolean;
}

const denied = (action: number) => action === RuleAction.drop || action === RuleAction.reject;
const counters = ['packet', 'octet', 'reversePacket', 'reverseOctet'] as const;
const total = (record: FlowRecord, counter: (typeof counters)[number]): number =>
  record[`${counter}TotalCount` as keyof FlowRecord] as number;
const delta = (record: FlowRecord, counter: (typeof counters)[number]): number =>
  record[`${counter}DeltaCount` as keyof FlowRecord] as number;

let records: FlowRecord[];
const problems: string[] = [];
const complain = (problem: string): void => {
  if (problems.length < 20) {
    problems.push(problem);
  }
};

beforeAll(() => {
  records = [...generateFlows({ seed, from, to, scale })];
});

describe('a generated day', () => {
  it('has a realistic volume, in the order of the table key (timeInserted, flowEndSeconds), within the range', () => {
    expect(records.length).toBeGreaterThan(150_000);
    let previous = 0;
    let previousEnd = 0;
    for (const record of records) {
      if (record.timeInserted < previous || (record.timeInserted === previous && record.flowEndSeconds < previousEnd)) {
        complain(`record at ${record.timeInserted}/${record.flowEndSeconds} after ${previous}/${previousEnd}`);
      }
      previous = record.timeInserted;
      previousEnd = record.flowEndSeconds;
    }
    expect(problems).toEqual([]);
    expect(records[0]?.timeInserted).toBeGreaterThanOrEqual(from);
    expect(previous).toBeLessThan(to);
  });

  it('keeps each connection consistent: totals never decrease and equal the running sum of deltas', () => {
    const connections = new Map<string, ConnectionState>();
    let checked = 0;
    for (const record of records) {
      const key = connectionKey(record);
      let state = connections.get(key);
      const deltas = counters.map((counter) => delta(record, counter));
      const totals = counters.map((counter) => total(record, counter)) as ConnectionState['totals'];
      if (!state) {
        // A connection open before the range began was reported before it too: start from there.
        const before = totals.map((value, i) => value - (deltas[i] as number)) as ConnectionState['totals'];
        if (record.flowStartSeconds >= from && before.some((value) => value !== 0)) {
          complain(`${key}: first record's totals ${totals} are not its deltas ${deltas}`);
        }
        state = { lastEnd: record.flowStartSeconds, totals: before, ended: false };
        connections.set(key, state);
      }
      if (state.ended) {
        complain(`${key}: a record after the one that ended the connection`);
      }
      if (record.flowEndSeconds <= state.lastEnd && state.totals.some((value) => value > 0)) {
        complain(`${key}: flowEndSeconds ${record.flowEndSeconds} not after ${state.lastEnd}`);
      }
      counters.forEach((counter, i) => {
        const expected = (state.totals[i] as number) + (deltas[i] as number);
        if (totals[i] !== expected || totals[i]! < state.totals[i]!) {
          complain(`${key}: ${counter} total ${totals[i]} after ${state.totals[i]} + delta ${deltas[i]}`);
        }
      });
      const interval = Math.max(1, record.flowEndSeconds - state.lastEnd);
      if (
        record.flowStartSeconds >= from &&
        record.throughput !== Math.floor((record.octetDeltaCount * 8) / interval)
      ) {
        complain(`${key}: throughput ${record.throughput} is not octetDeltaCount*8/${interval} s`);
      }
      state.totals = totals;
      state.lastEnd = record.flowEndSeconds;
      state.ended = record.flowEndReason !== FlowEndReason.activeTimeout;
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(records.length);
    expect(connections.size).toBeGreaterThan(75_000);
    const longLived = [...connections.values()].filter((state) => state.totals[1] > 50e6);
    expect(longLived.length).toBeGreaterThan(10);
  });

  it('gives each record a unique key (connection + flowEndSeconds)', () => {
    const keys = new Set(records.map((record) => `${connectionKey(record)}@${record.flowEndSeconds}`));
    expect(keys.size).toBe(records.length);
  });

  it('reports dropped and rejected connections without reverse traffic', () => {
    let deniedCount = 0;
    for (const record of records) {
      const isDenied = denied(record.ingressNetworkPolicyRuleAction) || denied(record.egressNetworkPolicyRuleAction);
      const reverse =
        record.reversePacketTotalCount +
        record.reverseOctetTotalCount +
        record.reverseThroughput +
        record.reverseOctetDeltaCount;
      if (isDenied) {
        deniedCount++;
        if (reverse !== 0 || record.packetTotalCount === 0 || record.tcpState !== '') {
          complain(`denied ${connectionKey(record)} has reverse ${reverse} or tcpState "${record.tcpState}"`);
        }
      } else if (record.protocolIdentifier === Protocol.tcp && record.reversePacketTotalCount === 0) {
        complain(`allowed TCP ${connectionKey(record)} has no reverse packets`);
      }
    }
    expect(problems).toEqual([]);
    expect(deniedCount).toBeGreaterThan(1_000);
  });

  it('sets flowType from where the pods run and which end is outside the cluster', () => {
    const cluster = new Cluster(seed);
    const nodeOfSubnet = new Map(cluster.nodes.map((node) => [node.podSubnet, node.name]));
    const nodeOf = (ip: string) => nodeOfSubnet.get(ip.split('.').slice(0, 3).join('.'));
    const seen = new Set<number>();
    for (const record of records) {
      const sourceNode = nodeOf(record.sourceIP);
      const destinationNode = nodeOf(record.destinationIP);
      const expected =
        sourceNode === undefined
          ? FlowType.fromExternal
          : destinationNode === undefined
            ? FlowType.toExternal
            : sourceNode === destinationNode
              ? FlowType.intraNode
              : FlowType.interNode;
      seen.add(record.flowType);
      if (record.flowType !== expected || record.sourceNodeName !== (sourceNode ?? '')) {
        complain(`${connectionKey(record)}: flowType ${record.flowType}, expected ${expected}`);
      }
      if (record.destinationNodeName !== (destinationNode ?? '')) {
        complain(
          `${connectionKey(record)}: destinationNodeName ${record.destinationNodeName}, pod runs on ${destinationNode}`
        );
      }
      if ((sourceNode === undefined) !== (record.sourcePodName === '' && record.sourcePodLabels === '')) {
        complain(`${connectionKey(record)}: source pod fields do not match its address`);
      }
    }
    expect(problems).toEqual([]);
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('has every policy type with every action it supports, on ingress and on egress', () => {
    const seen = new Set<string>();
    for (const record of records) {
      seen.add(`ingress type ${record.ingressNetworkPolicyType} action ${record.ingressNetworkPolicyRuleAction}`);
      seen.add(`egress type ${record.egressNetworkPolicyType} action ${record.egressNetworkPolicyRuleAction}`);
      for (const direction of ['ingress', 'egress'] as const) {
        const type = record[`${direction}NetworkPolicyType`];
        const named = record[`${direction}NetworkPolicyName`] !== '';
        if ((type === 0) === named || (type === 3) !== (named && record[`${direction}NetworkPolicyNamespace`] === '')) {
          complain(`${connectionKey(record)}: ${direction} policy type ${type} does not fit its name and namespace`);
        }
      }
    }
    const expected: string[] = [];
    for (const direction of ['ingress', 'egress']) {
      expected.push(`${direction} type 0 action 0`);
      // Kubernetes NetworkPolicy can allow or (by isolating a pod) drop, but not reject.
      expected.push(`${direction} type 1 action 1`, `${direction} type 1 action 2`);
      for (const type of [2, 3]) {
        for (const action of [1, 2, 3]) {
          expected.push(`${direction} type ${type} action ${action}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it('follows the day: busier in the afternoon than at night', () => {
    const connectionsPerHour = new Array<number>(24).fill(0);
    for (const record of records) {
      if (record.flowEndReason !== FlowEndReason.activeTimeout && record.sourcePodName !== '') {
        const hour = Math.floor((record.flowStartSeconds % 86400) / 3600);
        connectionsPerHour[hour] = (connectionsPerHour[hour] as number) + 1;
      }
    }
    const mean = (hours: number[]) =>
      hours.reduce((sum, hour) => sum + (connectionsPerHour[hour] as number), 0) / hours.length;
    const afternoon = mean([13, 14, 15, 16, 17]);
    const night = mean([1, 2, 3, 4, 5]);
    expect(daylightFactor(from + 15 * 3600) / daylightFactor(from + 3 * 3600)).toBeCloseTo(4, 5);
    expect(afternoon / night).toBeGreaterThan(2.5);
  });

  it('has a drop burst only inside its windows, and a new talker only after it appears', () => {
    const burstPerMinute = new Map<number, number>();
    let talkerBefore = 0;
    let talkerAfter = 0;
    for (const record of records) {
      if (record.ingressNetworkPolicyName === 'protect-databases') {
        const minute = Math.floor((record.flowStartSeconds - from) / 60);
        burstPerMinute.set(minute, (burstPerMinute.get(minute) ?? 0) + 1);
      }
      if (record.destinationIP === '192.0.2.99') {
        if (record.flowStartSeconds < from + anomalies.newTalkerOffsetSeconds) {
          talkerBefore++;
        } else {
          talkerAfter++;
        }
      }
    }
    const inWindow = (minute: number) => {
      const since = minute * 60 - anomalies.dropBurstOffsetSeconds;
      return since >= 0 && since % anomalies.dropBurstEverySeconds < anomalies.dropBurstSeconds;
    };
    const outside = [...burstPerMinute.keys()].filter((minute) => !inWindow(minute));
    expect(outside).toEqual([]);
    const windows = 86400 / anomalies.dropBurstEverySeconds;
    expect([...burstPerMinute.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(windows * 150 * scale * 180 * 0.8);
    expect(talkerBefore).toBe(0);
    expect(talkerAfter).toBeGreaterThan(50);
  });

  it('labels pods with JSON, names services ns/svc:port with their ClusterIP under both names, and tags one cluster', () => {
    const clusterUUIDs = new Set(records.map((record) => record.clusterUUID));
    expect(clusterUUIDs.size).toBe(1);
    expect([...clusterUUIDs][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const portNames = new Set<string>();
    for (const record of records.slice(0, 50_000)) {
      for (const labels of [record.sourcePodLabels, record.destinationPodLabels]) {
        if (labels !== '') {
          expect(typeof JSON.parse(labels)).toBe('object');
        }
      }
      if (record.destinationServicePortName !== '') {
        portNames.add(record.destinationServicePortName);
        expect(record.destinationClusterIP).toMatch(/^10\.96\./);
      }
      // Antrea 2.7+ sends the Service IP under its new name too; L7 fields stay empty without L7 export.
      expect(record.destinationServiceIP).toBe(record.destinationClusterIP);
      expect([record.appProtocolName, record.httpVals]).toEqual(['', '']);
    }
    expect(portNames).toContain('kube-system/kube-dns:dns');
    expect(portNames).toContain('bookinfo/reviews:http');
    expect(portNames).toContain('shop/mongodb:mongodb');
    const reviewsBackends = new Set(
      records
        .filter((r) => r.destinationServicePortName === 'bookinfo/reviews:http')
        .map((r) => r.destinationPodName.split('-')[1])
    );
    expect([...reviewsBackends].sort()).toEqual(['v1', 'v2', 'v3']);
    const snat = records.find(
      (record) => record.sourcePodNamespace === 'shop' && record.flowType === FlowType.toExternal && record.egressName
    );
    expect(snat?.egressIP).toBe('172.18.0.100');
  });

  it('has the batch job only while it runs, with new pods each run', () => {
    const jobPods = new Map<string, number[]>();
    for (const record of records) {
      if (record.sourcePodNamespace === 'reports') {
        const starts = jobPods.get(record.sourcePodName) ?? [];
        starts.push(record.flowStartSeconds);
        jobPods.set(record.sourcePodName, starts);
      }
    }
    expect(jobPods.size).toBe(48);
    for (const starts of jobPods.values()) {
      const minuteOfHour = (Math.min(...starts) % 3600) / 60;
      expect(minuteOfHour).toBeGreaterThanOrEqual(5);
      expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(480);
    }
  });
});

function connectionKey(record: FlowRecord): string {
  return `${record.flowStartSeconds} ${record.sourceIP}:${record.sourceTransportPort}>${record.destinationIP}:${record.destinationTransportPort}/${record.protocolIdentifier}`;
}
