import { FlowEndReason, FlowType, PolicyType, Protocol, RuleAction, type FlowRecord } from '../flowlensFacts.ts';
import { emptyRecord } from './emptyRecord.ts';
import { isObject, maxUInt16, objectAt, secondsFromTimestamp, stringAt, unsignedAt, type Json } from './fields.ts';
import { FieldError } from './outcome.ts';
import { labelsFromHubble } from './podLabels.ts';

// Hubble reports events (a packet seen at a trace point, a policy verdict, a drop), not counters
// per interval: each becomes one record of one packet, flowStartSeconds = flowEndSeconds = its
// time. tools/ingest/README.md has the whole mapping and what the dashboards then show.

/** `hubble observe -o json` prints the flow itself; `-o jsonpb` wraps it as {"flow": {...}, "node_name", "time"}. */
export function hubbleFlowOf(line: Json): Json | undefined {
  if (isObject(line.flow) && looksLikeHubbleFlow(line.flow)) return line.flow;
  if (looksLikeHubbleFlow(line)) return line;
  return undefined;
}

// Packetbeat events have a `flow` object too (id, final), and no verdict, IP or Type.
function looksLikeHubbleFlow(flow: Json): boolean {
  return 'verdict' in flow && ('IP' in flow || 'l4' in flow || 'Type' in flow);
}

/** Other GetFlowsResponse kinds (`-o jsonpb` prints them too): not flows, but lost events matter. */
export function hubbleNonFlowKind(line: Json): 'lost_events' | 'other' | undefined {
  if (isObject(line.lost_events)) return 'lost_events';
  if (isObject(line.node_status) || isObject(line.agent_event) || isObject(line.debug_event)) return 'other';
  return undefined;
}

const worldIdentity = 2;
const l4Protocols: Array<[string, number]> = [
  ['TCP', Protocol.tcp],
  ['UDP', Protocol.udp],
  ['SCTP', 132],
  ['ICMPv4', Protocol.icmp],
  ['ICMPv6', 58],
];

export function hubbleRecord(flow: Json, envelope: Json): FlowRecord {
  const record = emptyRecord();
  const time = secondsFromTimestamp(flow.time ?? envelope.time, 'flow.time');
  const ip = objectAt(flow, 'IP', 'flow.');
  const sourceIP = stringAt(ip, 'source', 'flow.IP.');
  const destinationIP = stringAt(ip, 'destination', 'flow.IP.');
  if (!sourceIP || !destinationIP) {
    throw new FieldError('missing-field', 'flow.IP.source and flow.IP.destination: only IP flows become flow records');
  }
  let source = objectAt(flow, 'source', 'flow.') ?? {};
  let destination = objectAt(flow, 'destination', 'flow.') ?? {};
  let [sourceAddress, destinationAddress] = [sourceIP, destinationIP];
  let [sourcePort, destinationPort] = [0, 0];
  const l4 = objectAt(flow, 'l4', 'flow.');
  for (const [name, protocol] of l4Protocols) {
    const layer = l4 && objectAt(l4, name, 'flow.l4.');
    if (layer) {
      record.protocolIdentifier = protocol;
      if (protocol !== Protocol.icmp && protocol !== 58) {
        sourcePort = unsignedAt(layer, 'source_port', `flow.l4.${name}.`, maxUInt16);
        destinationPort = unsignedAt(layer, 'destination_port', `flow.l4.${name}.`, maxUInt16);
      }
      break;
    }
  }
  // A reply packet belongs to the connection its peer opened: store it from the initiator's side.
  const reply = isReply(flow);
  if (reply) {
    [source, destination] = [destination, source];
    [sourceAddress, destinationAddress] = [destinationAddress, sourceAddress];
    [sourcePort, destinationPort] = [destinationPort, sourcePort];
  }
  record.sourceIP = sourceAddress;
  record.destinationIP = destinationAddress;
  record.sourceTransportPort = sourcePort;
  record.destinationTransportPort = destinationPort;

  record.sourcePodName = stringAt(source, 'pod_name', 'flow.source.');
  record.sourcePodNamespace = stringAt(source, 'namespace', 'flow.source.');
  record.destinationPodName = stringAt(destination, 'pod_name', 'flow.destination.');
  record.destinationPodNamespace = stringAt(destination, 'namespace', 'flow.destination.');
  record.sourcePodLabels = record.sourcePodName ? labelsFromHubble(source.labels) : '';
  record.destinationPodLabels = record.destinationPodName ? labelsFromHubble(destination.labels) : '';

  // The observing node hosts the endpoints it knows by endpoint ID, and is the host itself.
  const node = nodeName(stringAt(flow, 'node_name', 'flow.') || stringAt(envelope, 'node_name', ''));
  const sourceLocal = isLocal(source);
  const destinationLocal = isLocal(destination);
  if (sourceLocal) record.sourceNodeName = node;
  if (destinationLocal) record.destinationNodeName = node;
  record.flowType = isWorld(destination)
    ? FlowType.toExternal
    : isWorld(source)
      ? FlowType.fromExternal
      : sourceLocal && destinationLocal
        ? FlowType.intraNode
        : FlowType.interNode;

  const service = objectAt(flow, 'destination_service', 'flow.');
  const serviceName = stringAt(service, 'name', 'flow.destination_service.');
  if (serviceName && !reply) {
    record.destinationServicePortName = `${stringAt(service, 'namespace', 'flow.destination_service.')}/${serviceName}:`;
  }

  record.flowStartSeconds = time;
  record.flowEndSeconds = time;
  if (record.sourceNodeName) record.flowEndSecondsFromSourceNode = time;
  if (record.destinationNodeName) record.flowEndSecondsFromDestinationNode = time;
  record.flowEndReason = endsConnection(l4) ? FlowEndReason.endOfFlow : FlowEndReason.activeTimeout;
  if (reply) {
    record.reversePacketDeltaCount = 1;
    record.reversePacketTotalCount = 1;
  } else {
    record.packetDeltaCount = 1;
    record.packetTotalCount = 1;
  }
  applyVerdict(record, flow);
  return record;
}

function isReply(flow: Json): boolean {
  const value = flow.is_reply ?? flow.reply;
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new FieldError('invalid-field', 'flow.is_reply is not true or false');
  return value;
}

/** Cluster Mesh prefixes the node with its cluster ("cluster/node"); flows keep the node. */
function nodeName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function labelsOf(endpoint: Json): string[] {
  return Array.isArray(endpoint.labels)
    ? endpoint.labels.filter((label): label is string => typeof label === 'string')
    : [];
}

function isWorld(endpoint: Json): boolean {
  return endpoint.identity === worldIdentity || labelsOf(endpoint).some((label) => label.startsWith('reserved:world'));
}

/** An endpoint of the observing node: it has a local endpoint ID, or it is the host. */
function isLocal(endpoint: Json): boolean {
  return (typeof endpoint.ID === 'number' && endpoint.ID > 0) || labelsOf(endpoint).includes('reserved:host');
}

function endsConnection(l4: Json | undefined): boolean {
  const flags = isObject(l4?.TCP) && isObject(l4.TCP.flags) ? l4.TCP.flags : undefined;
  return flags?.FIN === true || flags?.RST === true;
}

/**
 * DROPPED is a drop by the rule of the traffic's direction (egress or ingress; unknown counts as
 * ingress), named when Hubble says which policy denied it. A forward names a policy only when
 * Hubble says which one allowed it; otherwise no policy is claimed.
 */
function applyVerdict(record: FlowRecord, flow: Json): void {
  const verdict = stringAt(flow, 'verdict', 'flow.');
  const direction = stringAt(flow, 'traffic_direction', 'flow.') === 'EGRESS' ? 'egress' : 'ingress';
  const dropped = verdict === 'DROPPED';
  const policies = flow[`${direction}_${dropped ? 'denied' : 'allowed'}_by`];
  const policy = Array.isArray(policies) && isObject(policies[0]) ? policies[0] : undefined;
  if (!dropped && !policy) return;
  const prefix = direction === 'egress' ? 'egressNetworkPolicy' : 'ingressNetworkPolicy';
  record[`${prefix}RuleAction`] = dropped ? RuleAction.drop : RuleAction.allow;
  if (policy) {
    record[`${prefix}Name`] = stringAt(policy, 'name', `flow.${direction}_by[0].`);
    record[`${prefix}Namespace`] = stringAt(policy, 'namespace', `flow.${direction}_by[0].`);
    record[`${prefix}Type`] =
      stringAt(policy, 'kind', `flow.${direction}_by[0].`) === 'NetworkPolicy'
        ? PolicyType.k8sNetworkPolicy
        : PolicyType.none;
  }
}
