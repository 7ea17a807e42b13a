import type { FlowGroup } from './flowGroups.ts';
import { nodeOfEnd, nodeOfService, type MapNode } from './mapNodes.ts';
import type { GroupBy } from './serviceMapOptions.ts';

/** What went over a link, summed from the database's groups. */
export interface Traffic {
  /** Forward bytes of the records that ended in the range. */
  bytes: number;
  /** The datasource's whole-range rate: bytes spread over the seconds each record covers, × 8 ÷ range. */
  bitsPerSecond: number;
  flows: number;
  connections: number;
  /** Connections a NetworkPolicy rule dropped or rejected (a connection seen both ways counts in both). */
  deniedConnections: number;
}

/** Traffic from one node to another; source and target are equal for traffic inside a node. */
export interface MapLink {
  source: string;
  target: string;
  traffic: Traffic;
}

export interface ServiceGraph {
  nodes: Map<string, MapNode>;
  /** Every link, including those inside one node (which count in its stats but are not drawn). */
  links: MapLink[];
}

export function noTraffic(): Traffic {
  return { bytes: 0, bitsPerSecond: 0, flows: 0, connections: 0, deniedConnections: 0 };
}

export function addTraffic(into: Traffic, more: Traffic): void {
  into.bytes += more.bytes;
  into.bitsPerSecond += more.bitsPerSecond;
  into.flows += more.flows;
  into.connections += more.connections;
  into.deniedConnections += more.deniedConnections;
}

/**
 * The graph of the groups: one node per workload, namespace or pod (as asked), per Service and per
 * outside address, one link per pair of nodes. A flow through a Service is drawn client → Service →
 * backend, so both links carry it; a Service's node therefore shows what its clients sent it and
 * what it passed on. A link appears only when a record of it ended in the range: records ending in
 * the interval after it add to the rate of links that exist, never make new ones.
 */
export function serviceGraph(groups: FlowGroup[], groupBy: GroupBy, services: boolean): ServiceGraph {
  const nodes = new Map<string, MapNode>();
  const pods = new Map<string, Set<string>>();
  const links = new Map<string, MapLink>();
  const remember = (node: MapNode) => {
    if (!nodes.has(node.id)) {
      nodes.set(node.id, node);
      pods.set(node.id, new Set());
    }
    for (const pod of node.pods) pods.get(node.id)!.add(pod);
  };
  const add = (source: string, target: string, group: FlowGroup) => {
    const key = `${source}\u0000${target}`;
    let link = links.get(key);
    if (!link) {
      link = { source, target, traffic: noTraffic() };
      links.set(key, link);
    }
    link.traffic.bitsPerSecond += group.bitsPerSecond;
    if (group.inRange) {
      link.traffic.bytes += group.bytes;
      link.traffic.flows += group.flows;
      link.traffic.connections += group.connections;
      if (group.denied) link.traffic.deniedConnections += group.connections;
    }
  };
  // Summing in one fixed order keeps floating-point sums, and so the frames, the same on every engine.
  for (const group of inFixedOrder(groups)) {
    const source = nodeOfEnd(group.source, groupBy);
    const destination = nodeOfEnd(group.destination, groupBy);
    if (services && group.servicePortName !== '') {
      const service = nodeOfService(group.servicePortName);
      add(source.id, service.id, group);
      add(service.id, destination.id, group);
    } else {
      add(source.id, destination.id, group);
    }
    if (group.inRange) {
      remember(source);
      remember(destination);
      if (services && group.servicePortName !== '') remember(nodeOfService(group.servicePortName));
    }
  }
  for (const node of nodes.values()) node.pods = [...pods.get(node.id)!].sort();
  return { nodes, links: [...links.values()].filter((link) => link.traffic.flows > 0) };
}

function inFixedOrder(groups: FlowGroup[]): FlowGroup[] {
  const keyed = groups.map((group) => ({
    group,
    key: JSON.stringify([group.source, group.destination, group.servicePortName, group.denied, group.inRange]),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ group }) => group);
}
