import { FlowEndReason, Protocol, RuleAction } from '@flowlens/flow-schema';
import { Field } from './columns.ts';
import { Cluster } from './model/cluster.ts';
import { buildConversations, type Conversation, type ConversationChoices } from './model/conversations.ts';
import { daylightFactor } from './model/daylight.ts';
import { buildRoute, type SimulatedRoute } from './model/routes.ts';
import { Random } from './random.ts';
import { FlowRecordCursor } from './record.ts';

export interface SimulationOptions {
  seed: number;
  /** Unix seconds at which records start; the anomalies are placed relative to it. */
  start: number;
  /** Multiplies every conversation's connection rate. */
  scale: number;
  /** Seconds between two records of one open connection (the Flow Aggregator's activeFlowRecordTimeout). */
  exportIntervalSeconds: number;
  /** Which anomalies the traffic holds: the built-in ones (default) and any injected. */
  conversations?: ConversationChoices;
}

/** Receives each record; returns false to stop the simulation after this record. */
export type RecordHandler = (record: FlowRecordCursor) => boolean;

// Antrea's flow exporter polls conntrack every 5 s and sends each open connection to the Flow
// Aggregator, which writes a record per connection every activeFlowRecordTimeout (60 s by default,
// the export interval here), holding the counters of the node's latest poll.
const pollSeconds = 5;
/** Antrea's default activeFlowRecordTimeout (build/charts/flow-aggregator/values.yaml). */
export const defaultExportIntervalSeconds = 60;
const ephemeralPorts = { first: 32768, last: 60999 };
/** How long a steady stream lasts: beyond any simulated range. */
const steadyStreamYears = 10;

class Connection {
  route!: SimulatedRoute;
  sourcePort = 0;
  start = 0;
  end = 0;
  /** When the exporter reports the connection as ended (after the idle timeout for UDP and drops). */
  finalAt = 0;
  /** The first record leaves at this second, the next ones every export interval after it. */
  firstExportAt = 0;
  forwardBytes = 0;
  forwardPackets = 0;
  reverseBytes = 0;
  reversePackets = 0;
  lastExportEnd = 0;
  exportedForwardBytes = 0;
  exportedForwardPackets = 0;
  exportedReverseBytes = 0;
  exportedReversePackets = 0;
}

/**
 * The cluster's traffic, one second at a time: connections open at each conversation's rate and
 * each one is reported at its node's poll ticks with delta and total counters, like Antrea does.
 */
export class FlowSimulation {
  readonly cluster: Cluster;
  readonly conversations: readonly Conversation[];
  /** The second the next step() simulates. */
  second: number;
  private readonly random: Random;
  private readonly scale: number;
  private readonly exportInterval: number;
  /** A ring of one-second buckets, longer than the export interval so scheduling never wraps onto itself. */
  private readonly buckets: Connection[][];
  /** Ended connections, kept to be reused for new ones instead of allocating. */
  private readonly reusableConnections: Connection[] = [];
  private readonly ending: Connection[] = [];
  private readonly routes: Map<number, SimulatedRoute>[];
  private readonly logByteBounds: Float64Array[];
  private readonly nextSourcePort: number[] = [];
  private readonly cursor = new FlowRecordCursor();

  constructor(options: SimulationOptions) {
    this.cluster = new Cluster(options.seed);
    this.conversations = buildConversations(this.cluster, options.start, options.conversations);
    this.random = new Random(options.seed).fork('traffic');
    this.scale = options.scale;
    this.exportInterval = options.exportIntervalSeconds;
    this.buckets = Array.from({ length: 2 ** Math.ceil(Math.log2(this.exportInterval + pollSeconds + 2)) }, () => []);
    this.routes = this.conversations.map(() => new Map());
    // Byte counts are log-uniform (many small exchanges, a few large ones); the logs of the bounds are fixed.
    this.logByteBounds = this.conversations.map((conversation) =>
      Float64Array.from([...conversation.forwardBytes, ...conversation.reverseBytes].map((bytes) => Math.log(bytes)))
    );
    this.second = options.start;
    this.openConnectionsAlreadyRunning();
    this.openSteadyStreams();
  }

  /** Simulates one second. Returns false when the handler asked to stop; do not step again then. */
  step(onRecord: RecordHandler): boolean {
    const second = this.second;
    const bucket = this.buckets[second % this.buckets.length] as Connection[];
    // A second's records leave ordered by flowEndSeconds, the table's order after timeInserted, so
    // ClickHouse finds each batch already sorted and skips sorting it: ended connections first, by
    // their end, then the open ones, which all end now.
    const ending = this.ending;
    ending.length = 0;
    for (let i = 0; i < bucket.length; i++) {
      const connection = bucket[i] as Connection;
      if (second >= connection.finalAt) {
        ending.push(connection);
      }
    }
    ending.sort(byEnd);
    for (let i = 0; i < ending.length; i++) {
      const connection = ending[i] as Connection;
      const behaviour = connection.route.behaviour;
      this.fillRecord(connection, second, connection.end, behaviour.finalReason, behaviour.finalTcpState);
      this.reusableConnections.push(connection);
      if (!onRecord(this.cursor)) {
        return false;
      }
    }
    for (let i = 0; i < bucket.length; i++) {
      const connection = bucket[i] as Connection;
      if (second < connection.end) {
        this.fillRecord(
          connection,
          second,
          second,
          FlowEndReason.activeTimeout,
          connection.route.behaviour.activeTcpState
        );
        this.schedule(connection, second + this.exportInterval);
        if (!onRecord(this.cursor)) {
          return false;
        }
      } else if (second < connection.finalAt) {
        // Ended, but conntrack keeps it until the idle timeout: nothing to report yet.
        this.schedule(connection, second + this.exportInterval);
      }
    }
    bucket.length = 0;
    for (let index = 0; index < this.conversations.length; index++) {
      const count = this.random.poisson(this.connectionsPerSecond(index, second));
      for (let i = 0; i < count; i++) {
        const connection = this.open(index, second);
        if (!connection) {
          break;
        }
        this.schedule(connection, connection.firstExportAt);
      }
    }
    this.second = second + 1;
    return true;
  }

  private connectionsPerSecond(index: number, second: number): number {
    const conversation = this.conversations[index] as Conversation;
    // Injected anomalies have absolute intensities: --scale changes the cluster, not them.
    return connectionsPerSecond(conversation, second) * (conversation.unscaled ? 1 : this.scale);
  }

  private fillRecord(connection: Connection, now: number, flowEnd: number, reason: number, tcpState: string): void {
    const route = connection.route;
    const fraction = flowEnd >= connection.end ? 1 : (flowEnd - connection.start) / (connection.end - connection.start);
    const forwardBytes = countAt(connection.forwardBytes, fraction);
    const forwardPackets = countAt(connection.forwardPackets, fraction);
    const reverseBytes = countAt(connection.reverseBytes, fraction);
    const reversePackets = countAt(connection.reversePackets, fraction);
    const elapsed = Math.max(1, flowEnd - connection.lastExportEnd);
    const throughput = Math.floor(((forwardBytes - connection.exportedForwardBytes) * 8) / elapsed);
    const reverseThroughput = Math.floor(((reverseBytes - connection.exportedReverseBytes) * 8) / elapsed);
    const fromSource = !route.sourceIsExternal;
    const fromDestination = route.seenByDestinationNode;

    const values = this.cursor.values;
    values[Field.timeInserted] = now;
    values[Field.flowStartSeconds] = connection.start;
    values[Field.flowEndSeconds] = flowEnd;
    values[Field.flowEndSecondsFromSourceNode] = fromSource ? flowEnd : 0;
    values[Field.flowEndSecondsFromDestinationNode] = fromDestination ? flowEnd : 0;
    values[Field.flowEndReason] = reason;
    values[Field.sourceTransportPort] = connection.sourcePort;
    values[Field.packetTotalCount] = forwardPackets;
    values[Field.octetTotalCount] = forwardBytes;
    values[Field.packetDeltaCount] = forwardPackets - connection.exportedForwardPackets;
    values[Field.octetDeltaCount] = forwardBytes - connection.exportedForwardBytes;
    values[Field.reversePacketTotalCount] = reversePackets;
    values[Field.reverseOctetTotalCount] = reverseBytes;
    values[Field.reversePacketDeltaCount] = reversePackets - connection.exportedReversePackets;
    values[Field.reverseOctetDeltaCount] = reverseBytes - connection.exportedReverseBytes;
    values[Field.throughput] = throughput;
    values[Field.reverseThroughput] = reverseThroughput;
    values[Field.throughputFromSourceNode] = fromSource ? throughput : 0;
    values[Field.throughputFromDestinationNode] = fromDestination ? throughput : 0;
    values[Field.reverseThroughputFromSourceNode] = fromSource ? reverseThroughput : 0;
    values[Field.reverseThroughputFromDestinationNode] = fromDestination ? reverseThroughput : 0;
    this.cursor.tcpState = tcpState;
    this.cursor.route = route;

    connection.lastExportEnd = flowEnd;
    connection.exportedForwardBytes = forwardBytes;
    connection.exportedForwardPackets = forwardPackets;
    connection.exportedReverseBytes = reverseBytes;
    connection.exportedReversePackets = reversePackets;
  }

  private open(index: number, second: number): Connection | undefined {
    const conversation = this.conversations[index] as Conversation;
    const sources = conversation.sources(second);
    if (sources.length === 0) {
      return undefined;
    }
    const random = this.random;
    const source = sources.length === 1 ? sources[0]! : random.pick(sources);
    const destinationIndex = random.int(0, conversation.destinations.length - 1);
    // Endpoint ids stay far below 2^20 and destinations below 2^12, so the key is exact.
    const key = source.id * 4096 + destinationIndex;
    const routes = this.routes[index] as Map<number, SimulatedRoute>;
    let route = routes.get(key);
    if (!route) {
      route = buildRoute(this.cluster, conversation, source, conversation.destinations[destinationIndex]!);
      routes.set(key, route);
    }

    const connection = this.reusableConnections.pop() ?? new Connection();
    const behaviour = route.behaviour;
    const tcp = behaviour.protocol === Protocol.tcp;
    let duration = 0;
    if (behaviour.outcome === 'allowed') {
      duration = random.int(conversation.durationSeconds[0], conversation.durationSeconds[1]);
      const bounds = this.logByteBounds[index] as Float64Array;
      connection.forwardBytes = Math.round(Math.exp(random.between(bounds[0] as number, bounds[1] as number)));
      connection.reverseBytes = Math.round(Math.exp(random.between(bounds[2] as number, bounds[3] as number)));
      connection.forwardPackets = packetsFor(connection.forwardBytes, tcp);
      connection.reversePackets = packetsFor(connection.reverseBytes, tcp);
    } else {
      // A dropped TCP client retransmits its SYN after 1 s and 3 s; a reject answers the first one.
      const packets = behaviour.outcome === 'rejected' ? 1 : random.int(1, 3);
      duration = packets === 1 ? 0 : packets === 2 ? 1 : 3;
      connection.forwardPackets = packets;
      connection.forwardBytes = packets * (tcp ? 60 : random.int(60, 120));
      connection.reverseBytes = 0;
      connection.reversePackets = 0;
    }
    connection.route = route;
    connection.start = second;
    connection.end = second + duration;
    connection.finalAt = connection.end + behaviour.idleSeconds;
    connection.firstExportAt = this.firstExportAt(second, route.exporterPollOffset);
    connection.sourcePort = this.sourcePortFor(source.id);
    connection.lastExportEnd = second;
    connection.exportedForwardBytes = 0;
    connection.exportedForwardPackets = 0;
    connection.exportedReverseBytes = 0;
    connection.exportedReversePackets = 0;
    return connection;
  }

  /**
   * Starts the simulation in a steady state: the connections that would be open at the start (a
   * day-long mongodb pool, DNS answers waiting for their idle timeout) exist, with the counters
   * they were last reported with, as if the cluster had been running all along.
   */
  private openConnectionsAlreadyRunning(): void {
    const start = this.second;
    this.conversations.forEach((conversation, index) => {
      const lookback = conversation.durationSeconds[1] + 15 + 2 * this.exportInterval + pollSeconds;
      for (let second = start - lookback; second < start; second++) {
        const count = this.random.poisson(this.connectionsPerSecond(index, second));
        for (let i = 0; i < count; i++) {
          const connection = this.open(index, second);
          if (!connection) {
            break;
          }
          if (!this.catchUp(connection, start)) {
            this.reusableConnections.push(connection);
          }
        }
      }
    });
  }

  /** Each steady conversation's one connection, open since a day before the start and for years after. */
  private openSteadyStreams(): void {
    const start = this.second;
    this.conversations.forEach((conversation, index) => {
      if (!conversation.steady) {
        return;
      }
      const route = buildRoute(
        this.cluster,
        conversation,
        conversation.sources(start)[0]!,
        conversation.destinations[0]!
      );
      const connection = new Connection();
      connection.route = route;
      connection.start = start - 86_400;
      connection.end = start + steadyStreamYears * 365 * 86_400;
      connection.finalAt = connection.end;
      const seconds = connection.end - connection.start;
      connection.forwardBytes = Math.round((conversation.steady.forwardBitsPerSecond / 8) * seconds);
      connection.reverseBytes = Math.round((conversation.steady.reverseBitsPerSecond / 8) * seconds);
      connection.forwardPackets = packetsFor(connection.forwardBytes, true);
      connection.reversePackets = packetsFor(connection.reverseBytes, true);
      // A fixed port keeps the streams out of the random draws, so they change nothing else.
      connection.sourcePort = ephemeralPorts.first + index;
      connection.lastExportEnd = connection.start;
      connection.firstExportAt = this.firstExportAt(connection.start, route.exporterPollOffset);
      this.catchUp(connection, start);
    });
  }

  private catchUp(connection: Connection, start: number): boolean {
    const finalTick = this.exportAtOrAfter(connection, Math.max(connection.finalAt, connection.start + 1));
    if (finalTick < start) {
      return false;
    }
    const lastActiveTick = this.exportAtOrBefore(connection, Math.min(start - 1, connection.end - 1));
    if (lastActiveTick >= connection.firstExportAt && lastActiveTick > connection.start) {
      this.fillRecord(connection, lastActiveTick, lastActiveTick, FlowEndReason.activeTimeout, '');
    }
    this.schedule(connection, this.exportAtOrAfter(connection, Math.max(start, connection.start + 1)));
    return true;
  }

  /**
   * The Flow Aggregator writes a connection's first record one export interval after the first poll
   * that saw it (the poll's counters), then one every export interval.
   */
  private firstExportAt(start: number, pollOffset: number): number {
    return tickAtOrAfter(start + 1, pollOffset) + Math.max(0, this.exportInterval - pollSeconds);
  }

  private exportAtOrAfter(connection: Connection, second: number): number {
    const first = connection.firstExportAt;
    return second <= first ? first : first + Math.ceil((second - first) / this.exportInterval) * this.exportInterval;
  }

  private exportAtOrBefore(connection: Connection, second: number): number {
    const first = connection.firstExportAt;
    return first + Math.floor((second - first) / this.exportInterval) * this.exportInterval;
  }

  private schedule(connection: Connection, second: number): void {
    (this.buckets[second % this.buckets.length] as Connection[]).push(connection);
  }

  private sourcePortFor(endpointId: number): number {
    // Like Linux, ports go up from a random start, so one source never reuses a port while busy.
    const previous = this.nextSourcePort[endpointId] ?? this.random.int(ephemeralPorts.first, ephemeralPorts.last);
    let port = previous + this.random.int(1, 7);
    if (port > ephemeralPorts.last) {
      port -= ephemeralPorts.last - ephemeralPorts.first + 1;
    }
    this.nextSourcePort[endpointId] = port;
    return port;
  }
}

/** About how many records per second the model writes around this second at scale 1 (live mode's --rate). */
export function expectedRecordsPerSecond(seed: number, second: number, exportIntervalSeconds: number): number {
  let total = 0;
  for (const conversation of buildConversations(new Cluster(seed), second)) {
    const denied = [conversation.ingressRule, conversation.egressRule].some(
      (rule) => rule !== undefined && rule.action !== RuleAction.allow
    );
    const meanDuration = (conversation.durationSeconds[0] + conversation.durationSeconds[1]) / 2;
    total += connectionsPerSecond(conversation, second) * (denied ? 1 : 1 + meanDuration / exportIntervalSeconds);
  }
  return total;
}

function connectionsPerSecond(conversation: Conversation, second: number): number {
  if (conversation.activeAt && !conversation.activeAt(second)) {
    return 0;
  }
  return conversation.connectionsPerSecond * (conversation.followsDaylight ? daylightFactor(second) : 1);
}

function byEnd(a: Connection, b: Connection): number {
  return a.end - b.end;
}

function tickAtOrAfter(second: number, offset: number): number {
  return second + ((((offset - second) % pollSeconds) + pollSeconds) % pollSeconds);
}

function countAt(total: number, fraction: number): number {
  if (fraction >= 1 || total === 0) {
    return total;
  }
  return Math.max(1, Math.floor(total * fraction));
}

/** Full-size segments plus the handshake and teardown. */
function packetsFor(bytes: number, tcp: boolean): number {
  return Math.max(1, Math.ceil(bytes / 1400)) + (tcp ? 3 : 0);
}
