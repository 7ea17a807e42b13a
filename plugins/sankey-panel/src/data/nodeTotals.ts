import type { SankeyGraph } from './types';

export interface NodeTotals {
  incoming: Float64Array;
  outgoing: Float64Array;
  /** What the node's height stands for: the larger of what comes in and what goes out. */
  value: Float64Array;
  incomingLinks: Int32Array;
  outgoingLinks: Int32Array;
}

export function nodeTotals(graph: SankeyGraph): NodeTotals {
  const count = graph.nodes.length;
  const totals: NodeTotals = {
    incoming: new Float64Array(count),
    outgoing: new Float64Array(count),
    value: new Float64Array(count),
    incomingLinks: new Int32Array(count),
    outgoingLinks: new Int32Array(count),
  };
  for (const link of graph.links) {
    totals.outgoing[link.source]! += link.value;
    totals.outgoingLinks[link.source]! += 1;
    totals.incoming[link.target]! += link.value;
    totals.incomingLinks[link.target]! += 1;
  }
  for (let node = 0; node < count; node++) {
    totals.value[node] = Math.max(totals.incoming[node]!, totals.outgoing[node]!);
  }
  return totals;
}
