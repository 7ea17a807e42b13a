import { describe, expect, it } from 'vitest';
import { FlowType, RuleAction } from '@flowlens/flow-schema';
import { generateFlows } from '@flowlens/flowgen';
import { parseLine, PacketbeatFlowTotals, type LineOutcome } from '../src/index.ts';
import { fixtureJson, fixtureLines } from './helpers/fixtures.ts';

const context = () => ({ clusterUUID: 'c1', packetbeatTotals: new PacketbeatFlowTotals() });

function flowOf(outcome: LineOutcome) {
  if (outcome.kind !== 'flow') throw new Error(`rejected: ${outcome.reason} ${outcome.detail}`);
  return outcome;
}

describe('Hubble flows', () => {
  const gke = fixtureLines('hubble-jsonpb-gke.jsonl');

  it('reads every line of hubble-otel’s -o jsonpb sample as one packet of one record', () => {
    for (const line of gke) {
      const { format, record } = flowOf(parseLine(line, context()));
      expect(format).toBe('hubble');
      expect(record.flowStartSeconds).toBe(Date.parse('2021-06-16T16:52:13Z') / 1000);
      expect(record.flowEndSeconds).toBe(record.flowStartSeconds);
      expect(record.packetDeltaCount + record.reversePacketDeltaCount).toBe(1);
      expect(record.octetDeltaCount + record.reverseOctetDeltaCount).toBe(0);
      expect(record.protocolIdentifier).toBe(6);
      expect(record.clusterUUID).toBe('c1');
    }
  });

  it('maps pods, labels, the observing node and flow type of a request between nodes', () => {
    // Line 3: prometheus (10.0.1.4, another node: no endpoint ID) scrapes reviews (ID 1231, local).
    const { record } = flowOf(parseLine(gke[2]!, context()));
    expect(record).toMatchObject({
      sourceIP: '10.0.1.4',
      destinationIP: '10.0.2.16',
      sourceTransportPort: 58698,
      destinationTransportPort: 15090,
      sourcePodName: 'prometheus-6655946b9f-hx9ln',
      sourcePodNamespace: 'istio-system',
      destinationPodName: 'reviews-v1-545db77b95-s6jb8',
      destinationPodNamespace: 'bookinfo',
      sourceNodeName: '',
      destinationNodeName: 'gke-ilya-otel-demo-1-ilya-otel-demo-1-6114bb84-zr1l',
      flowType: FlowType.interNode,
      packetDeltaCount: 1,
      flowEndReason: 2,
      ingressNetworkPolicyRuleAction: RuleAction.none,
    });
    expect(JSON.parse(record.destinationPodLabels)).toEqual({
      app: 'reviews',
      'security.istio.io/tlsMode': 'istio',
      version: 'v1',
    });
  });

  it('stores a reply packet from the initiator’s side, counted as reverse, ending the connection on FIN', () => {
    // Line 1: reviews answers the host's probe with FIN (the legacy `reply: true` field).
    const { record } = flowOf(parseLine(gke[0]!, context()));
    expect(record).toMatchObject({
      sourceIP: '10.0.2.1',
      destinationIP: '10.0.2.16',
      sourceTransportPort: 42044,
      destinationTransportPort: 15020,
      destinationPodName: 'reviews-v1-545db77b95-s6jb8',
      packetDeltaCount: 0,
      reversePacketDeltaCount: 1,
      flowEndReason: 3,
      flowType: FlowType.intraNode,
    });
  });

  it('knows traffic from the world as from external', () => {
    // Line 7: a reply from 35.246.31.234 (reserved:world) to event-exporter: the pod opened it.
    const { record } = flowOf(parseLine(gke[6]!, context()));
    expect(record.sourceIP).toBe('10.0.2.13');
    expect(record.flowType).toBe(FlowType.toExternal);
  });

  it('reads UDP and ICMP flows of a kind cluster', () => {
    const [udp, icmp] = fixtureLines('hubble-jsonpb-kind.jsonl').map(
      (line) => flowOf(parseLine(line, context())).record
    );
    expect(udp).toMatchObject({
      protocolIdentifier: 17,
      destinationTransportPort: 53,
      sourcePodName: 'ratings-v1-b6994bb9-jgqxb',
    });
    expect(icmp).toMatchObject({ protocolIdentifier: 1, sourceTransportPort: 0, destinationTransportPort: 0 });
  });

  it('maps DROPPED to a drop, the same from -o json and -o jsonpb', () => {
    const [json, jsonpb] = fixtureLines('hubble-printer-dropped.jsonl').map(
      (line) => flowOf(parseLine(line, context())).record
    );
    expect(json).toEqual(jsonpb);
    expect(json).toMatchObject({
      sourceIP: '1.1.1.1',
      destinationIP: '2.2.2.2',
      sourceTransportPort: 31793,
      destinationTransportPort: 8080,
      ingressNetworkPolicyRuleAction: RuleAction.drop,
      egressNetworkPolicyRuleAction: RuleAction.none,
      flowStartSeconds: 1234,
    });
  });

  it('names the denying policy and direction when Hubble gives them (egress_denied_by)', () => {
    const flow = JSON.parse(fixtureLines('hubble-printer-dropped.jsonl')[1]!) as { flow: Record<string, unknown> };
    flow.flow.traffic_direction = 'EGRESS';
    flow.flow.egress_denied_by = [{ name: 'deny-all', namespace: 'shop', kind: 'NetworkPolicy' }];
    const { record } = flowOf(parseLine(JSON.stringify(flow), context()));
    expect(record).toMatchObject({
      egressNetworkPolicyRuleAction: RuleAction.drop,
      egressNetworkPolicyName: 'deny-all',
      egressNetworkPolicyNamespace: 'shop',
      egressNetworkPolicyType: 1,
      ingressNetworkPolicyRuleAction: RuleAction.none,
    });
  });

  it('counts lost events and other response kinds apart from flows', () => {
    expect(parseLine('{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":12}}', context())).toMatchObject({
      kind: 'rejected',
      reason: 'hubble-lost-events',
    });
    expect(parseLine('{"node_status":{"state_change":"NODE_CONNECTED"}}', context())).toMatchObject({
      reason: 'hubble-not-a-flow',
    });
  });
});

describe('Packetbeat flow events', () => {
  const event = fixtureJson('packetbeat-flow.json');

  it('maps the integration’s sample: ports, protocol, bytes and packets both ways', () => {
    const { format, record } = flowOf(parseLine(JSON.stringify(event), context()));
    expect(format).toBe('packetbeat');
    expect(record).toMatchObject({
      sourceIP: '::1',
      destinationIP: '::1',
      sourceTransportPort: 51320,
      destinationTransportPort: 8000,
      protocolIdentifier: 6,
      octetDeltaCount: 88,
      packetDeltaCount: 1,
      reverseOctetDeltaCount: 64,
      reversePacketDeltaCount: 1,
      octetTotalCount: 88,
      flowStartSeconds: Date.parse('2023-10-16T22:39:45Z') / 1000,
      flowEndSeconds: Date.parse('2023-10-16T22:39:45Z') / 1000,
      flowEndReason: 1,
      flowType: 0,
      destinationPodName: '',
    });
  });

  it('puts add_kubernetes_metadata’s pod on the destination side', () => {
    const withPod = { ...event, ...fixtureJson('kubernetes-metadata.json') };
    const { record } = flowOf(parseLine(JSON.stringify(withPod), context()));
    expect(record).toMatchObject({
      destinationPodName: 'nginx-deployment-66b6c48dd5-ffdxp',
      destinationPodNamespace: 'default',
      destinationNodeName: 'kind-control-plane',
      sourcePodName: '',
    });
    expect(JSON.parse(record.destinationPodLabels)).toEqual({ app: 'nginx', 'pod-template-hash': '66b6c48dd5' });
  });

  it('turns the running totals of periodic reports into deltas per report', () => {
    const ctx = context();
    const report = (bytes: number, final: boolean) =>
      JSON.stringify({
        ...event,
        flow: { id: 'f1', final },
        source: { ...(event.source as object), bytes, packets: bytes / 10 },
      });
    const deltas = [report(100, false), report(250, false), report(400, true)].map(
      (line) => flowOf(parseLine(line, ctx)).record.octetDeltaCount
    );
    expect(deltas).toEqual([100, 150, 150]);
  });

  it('refuses Packetbeat 6.x events by name instead of misreading them', () => {
    expect(parseLine(JSON.stringify(fixtureJson('packetbeat-6-flow.json')), context())).toMatchObject({
      kind: 'rejected',
      reason: 'packetbeat-pre-ecs',
    });
  });
});

describe('FlowLens/Antrea records', () => {
  it('takes flowgen’s NDJSON unchanged (timeInserted is the ingest’s to set)', () => {
    for (const generated of generateFlows({ seed: 3, count: 200 })) {
      const { format, record } = flowOf(parseLine(JSON.stringify(generated), context()));
      expect(format).toBe('flowlens');
      expect(record).toEqual(generated);
    }
  });

  it('names the field that is wrong', () => {
    const [generated] = [...generateFlows({ seed: 3, count: 1 })];
    expect(parseLine(JSON.stringify({ ...generated, destinationTransportPort: 70000 }), context())).toMatchObject({
      reason: 'invalid-field',
      detail: expect.stringContaining('destinationTransportPort'),
    });
    expect(parseLine(JSON.stringify({ ...generated, flowEndSeconds: 'yesterday' }), context())).toMatchObject({
      reason: 'invalid-field',
      detail: expect.stringContaining('flowEndSeconds'),
    });
  });
});

describe('lines that are no flow', () => {
  it.each([
    ['not JSON', 'hello', 'not-json'],
    ['a number', '42', 'not-an-object'],
    ['an unrelated object', '{"message":"GET / 200"}', 'unknown-format'],
    ['an audit event', JSON.stringify(fixtureJson('audit-falco-delete-configmap.json')), 'unknown-format'],
  ])('%s is rejected with a reason', (_, line, reason) => {
    expect(parseLine(line, context())).toMatchObject({ kind: 'rejected', reason });
  });
});
