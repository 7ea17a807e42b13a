import { FlowEndReason, Protocol, type FlowRecord } from '../flowlensFacts.ts';
import { emptyRecord } from './emptyRecord.ts';
import {
  isObject,
  maxUInt16,
  maxUInt64,
  maxUInt8,
  objectAt,
  secondsFromTimestamp,
  stringAt,
  unsignedAt,
  type Json,
} from './fields.ts';
import { FieldError } from './outcome.ts';
import type { PacketbeatFlowTotals } from './packetbeatFlowTotals.ts';
import { labelsFromBeats } from './podLabels.ts';

/** Packetbeat 7.0+ (ECS) flow events: `type: flow`, source/destination with ip, port, bytes, packets. */
export function looksLikePacketbeat(line: Json): boolean {
  return line.type === 'flow' || (isObject(line.event) && line.event.action === 'network_flow');
}

/** Packetbeat 6.x wrote `dest`, `transport` and `*.stats`: recognised to say so, not mapped. */
export function looksLikePacketbeatBeforeEcs(line: Json): boolean {
  return line.type === 'flow' && isObject(line.dest) && typeof line.transport === 'string';
}

const transports: Record<string, number> = {
  tcp: Protocol.tcp,
  udp: Protocol.udp,
  icmp: Protocol.icmp,
  'ipv6-icmp': 58,
  sctp: 132,
};

export function packetbeatRecord(event: Json, totals: PacketbeatFlowTotals): FlowRecord {
  const record = emptyRecord();
  const source = objectAt(event, 'source', '') ?? {};
  const destination = objectAt(event, 'destination', '') ?? {};
  const network = objectAt(event, 'network', '');
  const ecsEvent = objectAt(event, 'event', '');
  const flow = objectAt(event, 'flow', '');
  record.sourceIP = stringAt(source, 'ip', 'source.');
  record.destinationIP = stringAt(destination, 'ip', 'destination.');
  if (!record.sourceIP || !record.destinationIP) {
    throw new FieldError('missing-field', 'source.ip and destination.ip');
  }
  record.sourceTransportPort = unsignedAt(source, 'port', 'source.', maxUInt16);
  record.destinationTransportPort = unsignedAt(destination, 'port', 'destination.', maxUInt16);
  const ianaNumber = network?.iana_number;
  record.protocolIdentifier =
    ianaNumber !== undefined
      ? unsignedAt(network, 'iana_number', 'network.', maxUInt8)
      : (transports[stringAt(network, 'transport', 'network.')] ?? 0);

  const end = ecsEvent?.end ?? event['@timestamp'];
  if (end === undefined) throw new FieldError('missing-field', 'event.end or @timestamp');
  record.flowEndSeconds = secondsFromTimestamp(end, ecsEvent?.end !== undefined ? 'event.end' : '@timestamp');
  record.flowStartSeconds =
    ecsEvent?.start !== undefined ? secondsFromTimestamp(ecsEvent.start, 'event.start') : record.flowEndSeconds;
  const final = flow?.final === true;
  record.flowEndReason = final ? FlowEndReason.idleTimeout : FlowEndReason.activeTimeout;

  const running = {
    packets: unsignedAt(source, 'packets', 'source.', maxUInt64),
    bytes: unsignedAt(source, 'bytes', 'source.', maxUInt64),
    reversePackets: unsignedAt(destination, 'packets', 'destination.', maxUInt64),
    reverseBytes: unsignedAt(destination, 'bytes', 'destination.', maxUInt64),
  };
  const delta = totals.delta(stringAt(flow, 'id', 'flow.'), running, final);
  record.packetTotalCount = running.packets;
  record.octetTotalCount = running.bytes;
  record.reversePacketTotalCount = running.reversePackets;
  record.reverseOctetTotalCount = running.reverseBytes;
  record.packetDeltaCount = delta.packets;
  record.octetDeltaCount = delta.bytes;
  record.reversePacketDeltaCount = delta.reversePackets;
  record.reverseOctetDeltaCount = delta.reverseBytes;

  // add_kubernetes_metadata in Packetbeat matches destination.ip:port by default: the pod is the destination.
  const kubernetes = objectAt(event, 'kubernetes', '');
  if (kubernetes) {
    record.destinationPodName = stringAt(objectAt(kubernetes, 'pod', 'kubernetes.'), 'name', 'kubernetes.pod.');
    record.destinationPodNamespace = stringAt(kubernetes, 'namespace', 'kubernetes.');
    record.destinationNodeName = stringAt(objectAt(kubernetes, 'node', 'kubernetes.'), 'name', 'kubernetes.node.');
    record.destinationPodLabels = record.destinationPodName ? labelsFromBeats(kubernetes.labels) : '';
    if (record.destinationNodeName) record.flowEndSecondsFromDestinationNode = record.flowEndSeconds;
  }
  return record;
}
