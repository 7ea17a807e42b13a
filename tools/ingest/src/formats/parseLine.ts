import type { FlowRecord } from '../flowlensFacts.ts';
import { isObject, type Json } from './fields.ts';
import { flowlensRecord, looksLikeFlowlensRecord } from './flowlensRecord.ts';
import { hubbleFlowOf, hubbleNonFlowKind, hubbleRecord } from './hubble.ts';
import { FieldError, rejected, type LineOutcome } from './outcome.ts';
import { looksLikePacketbeat, looksLikePacketbeatBeforeEcs, packetbeatRecord } from './packetbeat.ts';
import type { PacketbeatFlowTotals } from './packetbeatFlowTotals.ts';

export interface ParseContext {
  /** clusterUUID for records that carry none (Hubble, Packetbeat, FlowLens records without one). */
  clusterUUID: string;
  packetbeatTotals: PacketbeatFlowTotals;
}

/** One line of text: whichever format it is in, a flow record or the reason it is not one. */
export function parseLine(text: string, context: ParseContext): LineOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rejected('not-json', (error as Error).message);
  }
  return parseValue(value, context);
}

/** One JSON value: a line's, or an element of a JSON array body. */
export function parseValue(value: unknown, context: ParseContext): LineOutcome {
  if (!isObject(value)) {
    return rejected(
      'not-an-object',
      `a ${Array.isArray(value) ? 'array' : typeof value} where a JSON object was expected`
    );
  }
  try {
    const outcome = recognise(value, context);
    if (outcome.kind === 'flow' && outcome.record.clusterUUID === '') {
      outcome.record.clusterUUID = context.clusterUUID;
    }
    return outcome;
  } catch (error) {
    if (error instanceof FieldError) return rejected(error.reason, error.message);
    throw error;
  }
}

function recognise(line: Json, context: ParseContext): LineOutcome {
  const hubbleFlow = hubbleFlowOf(line);
  if (hubbleFlow) return flow('hubble', hubbleRecord(hubbleFlow, line));
  const nonFlow = hubbleNonFlowKind(line);
  if (nonFlow === 'lost_events') return rejected('hubble-lost-events', JSON.stringify(line.lost_events).slice(0, 200));
  if (nonFlow) return rejected('hubble-not-a-flow', `keys ${Object.keys(line).slice(0, 5).join(', ')}`);
  if (looksLikePacketbeatBeforeEcs(line)) {
    return rejected('packetbeat-pre-ecs', 'a Packetbeat 6.x flow event (dest, transport): use Packetbeat 7.0 or later');
  }
  if (looksLikePacketbeat(line)) {
    if (line.type !== 'flow') return rejected('packetbeat-not-a-flow', `type ${JSON.stringify(line.type)}`);
    return flow('packetbeat', packetbeatRecord(line, context.packetbeatTotals));
  }
  if (looksLikeFlowlensRecord(line)) return flow('flowlens', flowlensRecord(line));
  if (line.kind === 'EventList' || line.kind === 'Event') {
    return rejected('unknown-format', 'a Kubernetes audit event: POST it to /v1/audit');
  }
  return rejected(
    'unknown-format',
    `keys ${Object.keys(line).slice(0, 6).join(', ')}: not a FlowLens record, Hubble flow or Packetbeat flow event`
  );
}

function flow(format: 'flowlens' | 'hubble' | 'packetbeat', record: FlowRecord): LineOutcome {
  return { kind: 'flow', format, record };
}
