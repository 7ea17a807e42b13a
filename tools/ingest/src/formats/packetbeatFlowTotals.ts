/** The totals a Packetbeat flow reported last, to turn its running totals into per-report deltas. */
interface Totals {
  packets: number;
  bytes: number;
  reversePackets: number;
  reverseBytes: number;
}

/**
 * Packetbeat repeats a flow's running totals every `period` until the flow ends (`final: true`).
 * Remembers the last totals per flow.id (at most `capacity` flows, the least recently reported
 * forgotten first), so each record carries only what is new. In memory only: after a restart, the
 * first report of a flow already under way counts from its start again (README, Packetbeat).
 */
export class PacketbeatFlowTotals {
  private readonly last = new Map<string, Totals>();

  constructor(private readonly capacity = 200_000) {}

  /** The increase since the flow's previous report (all of it for a flow not seen before). */
  delta(flowId: string, totals: Totals, final: boolean): Totals {
    const previous = flowId ? this.last.get(flowId) : undefined;
    if (flowId) {
      this.last.delete(flowId);
      if (!final) {
        this.last.set(flowId, totals);
        if (this.last.size > this.capacity) {
          this.last.delete(this.last.keys().next().value as string);
        }
      }
    }
    if (!previous) return totals;
    // Totals never shrink within a flow; if they do, Packetbeat restarted the flow: count afresh.
    const shrank =
      totals.packets < previous.packets ||
      totals.bytes < previous.bytes ||
      totals.reversePackets < previous.reversePackets ||
      totals.reverseBytes < previous.reverseBytes;
    if (shrank) return totals;
    return {
      packets: totals.packets - previous.packets,
      bytes: totals.bytes - previous.bytes,
      reversePackets: totals.reversePackets - previous.reversePackets,
      reverseBytes: totals.reverseBytes - previous.reverseBytes,
    };
  }
}
