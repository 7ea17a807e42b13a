import type { SankeyGraph } from './types';

export type Focus = { kind: 'node' | 'link'; index: number };

/** For each node and each link, the paths through it (compressed rows: offsets into one array). */
export interface PathIndex {
  nodeOffsets: Int32Array;
  nodePaths: Int32Array;
  linkOffsets: Int32Array;
  linkPaths: Int32Array;
}

function compress(count: number, pairs: Array<[number, number]>): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(count + 1);
  for (const [owner] of pairs) {
    offsets[owner + 1]! += 1;
  }
  for (let i = 0; i < count; i++) {
    offsets[i + 1]! += offsets[i]!;
  }
  const cursor = offsets.slice(0, count);
  const items = new Int32Array(pairs.length);
  for (const [owner, path] of pairs) {
    items[cursor[owner]!++] = path;
  }
  return { offsets, items };
}

export function buildPathIndex(graph: SankeyGraph): PathIndex {
  const { offsets, links } = graph.paths;
  const linkPairs: Array<[number, number]> = [];
  const nodePairs: Array<[number, number]> = [];
  for (let path = 0; path + 1 < offsets.length; path++) {
    let previousNode = -1;
    for (let at = offsets[path]!; at < offsets[path + 1]!; at++) {
      const link = graph.links[links[at]!]!;
      linkPairs.push([links[at]!, path]);
      if (link.source !== previousNode) {
        nodePairs.push([link.source, path]);
      }
      nodePairs.push([link.target, path]);
      previousNode = link.target;
    }
  }
  const byNode = compress(graph.nodes.length, nodePairs);
  const byLink = compress(graph.links.length, linkPairs);
  return { nodeOffsets: byNode.offsets, nodePaths: byNode.items, linkOffsets: byLink.offsets, linkPaths: byLink.items };
}

/**
 * How much of each link flows along the paths through the focused node or link. Hovering a pod
 * then lights up exactly its own share of every downstream link, not every link it could reach.
 */
export function flowThrough(graph: SankeyGraph, index: PathIndex, focus: Focus): Float64Array {
  const flow = new Float64Array(graph.links.length);
  const [offsets, paths] =
    focus.kind === 'node' ? [index.nodeOffsets, index.nodePaths] : [index.linkOffsets, index.linkPaths];
  const { offsets: pathOffsets, links, values } = graph.paths;
  for (let at = offsets[focus.index] ?? 0; at < (offsets[focus.index + 1] ?? 0); at++) {
    const path = paths[at]!;
    for (let step = pathOffsets[path]!; step < pathOffsets[path + 1]!; step++) {
      flow[links[step]!]! += values[path]!;
    }
  }
  return flow;
}
