import { linkKeyBase, type StageGraph } from './stageLinks';
import type { SankeyLink, SankeyNode } from './types';

/**
 * Rebuilds a graph after nodes were merged (top links fold into "Other") or links were dropped
 * (minimum value): merged links add up, paths follow their links, and nodes left without any link
 * disappear. `nodeOf` maps each old node to an index in `nodes`.
 */
export function regroupLinks(
  graph: StageGraph,
  nodes: SankeyNode[],
  nodeOf: (node: number) => number,
  keepLink: (link: number) => boolean
): StageGraph {
  const merged: SankeyLink[] = [];
  const mergedIndex = new Map<number, number>();
  const linkMap = new Int32Array(graph.links.length).fill(-1);

  graph.links.forEach((link, index) => {
    if (!keepLink(index)) {
      return;
    }
    const source = nodeOf(link.source);
    const target = nodeOf(link.target);
    const key = source * linkKeyBase + target;
    let into = mergedIndex.get(key);
    if (into === undefined) {
      into = merged.length;
      mergedIndex.set(key, into);
      // A row's data links describe one pod, not a bucket of many: "Other" links offer none.
      const origin = nodes[source]?.isOther || nodes[target]?.isOther ? undefined : link.origin;
      merged.push({ source, target, value: 0, origin });
    }
    merged[into]!.value = Math.min(Number.MAX_VALUE, merged[into]!.value + link.value);
    linkMap[index] = into;
  });

  // Keep nodes in their original order (it is the "input order" sort), minus the unused ones.
  const used = new Int32Array(nodes.length).fill(-1);
  for (const link of merged) {
    used[link.source] = 0;
    used[link.target] = 0;
  }
  const keptNodes: SankeyNode[] = [];
  nodes.forEach((node, index) => {
    if (used[index] === 0) {
      used[index] = keptNodes.length;
      keptNodes.push(node);
    }
  });
  for (const link of merged) {
    link.source = used[link.source]!;
    link.target = used[link.target]!;
  }

  const { offsets, links, values } = graph.paths;
  const newOffsets: number[] = [0];
  const newLinks: number[] = [];
  const newValues: number[] = [];
  for (let path = 0; path < values.length; path++) {
    const start = newLinks.length;
    for (let at = offsets[path]!; at < offsets[path + 1]!; at++) {
      const mapped = linkMap[links[at]!]!;
      if (mapped >= 0) {
        newLinks.push(mapped);
      }
    }
    if (newLinks.length > start) {
      newOffsets.push(newLinks.length);
      newValues.push(values[path]!);
    }
  }

  return {
    nodes: keptNodes,
    links: merged,
    paths: {
      offsets: Int32Array.from(newOffsets),
      links: Int32Array.from(newLinks),
      values: Float64Array.from(newValues),
    },
  };
}
