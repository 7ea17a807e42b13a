import type { MapNode, MapNodeKind } from './mapNodes.ts';
import { addTraffic, LinkTable, noTraffic, type MapLink, type ServiceGraph, type Traffic } from './serviceGraph.ts';
import type { FoldBy } from './serviceMapOptions.ts';

/** What folding did, for the frame notice. */
export interface Folding {
  /** Nodes before folding. */
  before: number;
  /** Nodes folded away into "Other" nodes. */
  folded: number;
  /** The "Other" nodes made. */
  otherNodes: number;
  /** Folding per namespace would still have been too many nodes, so everything folded went into one. */
  fellBackToAll: boolean;
}

/** Every node's traffic in and out, from the links (traffic inside a node counts both ways). */
export function nodeTraffic(links: MapLink[]): Map<string, { received: Traffic; sent: Traffic }> {
  const traffic = new Map<string, { received: Traffic; sent: Traffic }>();
  const of = (id: string) => {
    let entry = traffic.get(id);
    if (!entry) {
      entry = { received: noTraffic(), sent: noTraffic() };
      traffic.set(id, entry);
    }
    return entry;
  };
  for (const link of links) {
    addTraffic(of(link.source).sent, link.traffic);
    addTraffic(of(link.target).received, link.traffic);
  }
  return traffic;
}

/**
 * Keeps at most `maxNodes` nodes: the busiest (bytes in and out, then connections, then id) stay, the
 * rest are folded into "Other" nodes — one per namespace (its workloads, pods and Services), one for the
 * addresses outside the cluster, one for namespaces when nodes are namespaces — or into a single one.
 * As many as possible stay: the count of "Other" nodes is part of the budget. Links are re-aggregated
 * between what remains, so every link still joins two nodes of the result.
 */
export function foldSmallNodes(
  graph: ServiceGraph,
  maxNodes: number,
  foldBy: FoldBy
): { graph: ServiceGraph; folding?: Folding } {
  if (graph.nodes.size <= maxNodes) return { graph };
  const traffic = nodeTraffic(graph.links);
  const volume = (id: string) => {
    const entry = traffic.get(id)!;
    return {
      bytes: entry.received.bytes + entry.sent.bytes,
      connections: entry.received.connections + entry.sent.connections,
    };
  };
  const ranked = [...graph.nodes.values()]
    .map((node) => ({ node, ...volume(node.id) }))
    .sort((a, b) => b.bytes - a.bytes || b.connections - a.connections || (a.node.id < b.node.id ? -1 : 1))
    .map(({ node }) => node);

  let kept = keptCount(ranked, maxNodes, (node) => foldKey(node, foldBy));
  let fellBackToAll = false;
  if (kept === undefined) {
    fellBackToAll = true;
    kept = maxNodes - 1;
  }
  const foldInto = (node: MapNode) => foldKey(node, fellBackToAll ? 'all' : foldBy);
  const nodes = new Map<string, MapNode>();
  const members = new Map<string, MapNode[]>();
  const replacement = new Map<string, string>();
  ranked.forEach((node, rank) => {
    if (rank < kept) {
      nodes.set(node.id, node);
      return;
    }
    const key = foldInto(node);
    replacement.set(node.id, key.id);
    if (!members.has(key.id)) members.set(key.id, []);
    members.get(key.id)!.push(node);
  });
  for (const [id, folded] of members) {
    nodes.set(id, otherNode(id, folded));
  }
  const links = new LinkTable();
  for (const link of graph.links) {
    const source = replacement.get(link.source) ?? link.source;
    const target = replacement.get(link.target) ?? link.target;
    addTraffic(links.between(source, target).traffic, link.traffic);
  }
  return {
    graph: { nodes, links: links.all() },
    folding: {
      before: graph.nodes.size,
      folded: ranked.length - kept,
      otherNodes: members.size,
      fellBackToAll,
    },
  };
}

interface FoldKey {
  id: string;
  namespace: string;
}

function foldKey(node: MapNode, foldBy: FoldBy): FoldKey {
  if (foldBy === 'all') return { id: 'other:all', namespace: '' };
  if (node.kind === 'external') return { id: 'other:external', namespace: '' };
  if (node.kind === 'namespace') return { id: 'other:namespaces', namespace: '' };
  return { id: `other:${node.namespace}`, namespace: node.namespace };
}

/**
 * How many of the ranked nodes can stay so that they plus the "Other" nodes of the rest fit in
 * `maxNodes`; undefined when even folding everything makes too many "Other" nodes. Folds from the
 * smallest up, counting the distinct "Other" nodes as it goes.
 */
function keptCount(ranked: MapNode[], maxNodes: number, keyOf: (node: MapNode) => FoldKey): number | undefined {
  const others = new Set<string>();
  for (let kept = ranked.length - 1; kept >= 0; kept--) {
    others.add(keyOf(ranked[kept]!).id);
    if (kept + others.size <= maxNodes) return kept;
  }
  return undefined;
}

const nouns: Record<MapNodeKind, [string, string]> = {
  workload: ['workload', 'workloads'],
  pod: ['pod', 'pods'],
  namespace: ['namespace', 'namespaces'],
  service: ['Service', 'Services'],
  external: ['external IP', 'external IPs'],
  other: ['other', 'others'],
};

function otherNode(id: string, folded: MapNode[]): MapNode {
  const counts = new Map<MapNodeKind, number>();
  for (const node of folded) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  const parts = (Object.keys(nouns) as MapNodeKind[])
    .filter((kind) => counts.has(kind))
    .map((kind) => {
      const count = counts.get(kind)!;
      return `${count} ${nouns[kind][count === 1 ? 0 : 1]}`;
    });
  const namespaces = new Set(folded.map((node) => node.namespace));
  return {
    id,
    kind: 'other',
    title: `Other (${parts.join(', ')})`,
    namespace: namespaces.size === 1 ? [...namespaces][0]! : '',
    pods: [...new Set(folded.flatMap((node) => node.pods))].sort(),
  };
}
