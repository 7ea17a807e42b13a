import type { FlowEnd, FlowGroup } from './flowGroups.ts';
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
 * Links by source and target. Keyed source → target rather than by one joined key: node ids are the
 * same string objects every time, so a lookup hashes nothing new and builds no string.
 */
export class LinkTable {
  private readonly bySource = new Map<string, Map<string, MapLink>>();

  between(source: string, target: string): MapLink {
    let fromSource = this.bySource.get(source);
    if (!fromSource) {
      fromSource = new Map();
      this.bySource.set(source, fromSource);
    }
    let link = fromSource.get(target);
    if (!link) {
      link = { source, target, traffic: noTraffic() };
      fromSource.set(target, link);
    }
    return link;
  }

  all(): MapLink[] {
    return [...this.bySource.values()].flatMap((fromSource) => [...fromSource.values()]);
  }
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
  const links = new LinkTable();
  const remember = (node: MapNode) => {
    if (!nodes.has(node.id)) {
      nodes.set(node.id, node);
      pods.set(node.id, new Set());
    }
    for (const pod of node.pods) pods.get(node.id)!.add(pod);
  };
  const add = (source: string, target: string, group: FlowGroup) => {
    const link = links.between(source, target);
    link.traffic.bitsPerSecond += group.bitsPerSecond;
    if (group.inRange) {
      link.traffic.bytes += group.bytes;
      link.traffic.flows += group.flows;
      link.traffic.connections += group.connections;
      if (group.denied) link.traffic.deniedConnections += group.connections;
    }
  };
  // Ends and Services repeat across groups: each is resolved (its labels parsed) once. Nested maps on
  // the row's own strings, not one concatenated key, spare a string per lookup.
  const podEnds = new Map<string, Map<string, Map<string, MapNode>>>();
  const addresses = new Map<string, MapNode>();
  const serviceNodes = new Map<string, MapNode>();
  const child = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) {
      value = make();
      map.set(key, value);
    }
    return value;
  };
  const nodeOf = (end: FlowEnd): MapNode =>
    end.kind === 'external'
      ? child(addresses, end.ip, () => nodeOfEnd(end, groupBy))
      : child(
          child(
            child(podEnds, end.namespace, () => new Map<string, Map<string, MapNode>>()),
            end.podName,
            () => new Map<string, MapNode>()
          ),
          end.labelsJson,
          () => nodeOfEnd(end, groupBy)
        );
  const serviceOf = (servicePortName: string) =>
    child(serviceNodes, servicePortName, () => nodeOfService(servicePortName));
  // Groups arrive in the query's ORDER BY (bytes, then every grouping column), the same order on both
  // engines, so floating-point sums, and so the frames, are the same too.
  for (const group of groups) {
    const source = nodeOf(group.source);
    const destination = nodeOf(group.destination);
    if (services && group.servicePortName !== '') {
      const service = serviceOf(group.servicePortName);
      add(source.id, service.id, group);
      add(service.id, destination.id, group);
    } else {
      add(source.id, destination.id, group);
    }
    if (group.inRange) {
      remember(source);
      remember(destination);
      if (services && group.servicePortName !== '') remember(serviceOf(group.servicePortName));
    }
  }
  for (const node of nodes.values()) node.pods = [...pods.get(node.id)!].sort();
  return { nodes, links: links.all().filter((link) => link.traffic.flows > 0) };
}
