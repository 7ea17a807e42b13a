import { otherNode } from './otherNode';
import { regroupLinks } from './regroupLinks';
import { linkKeyBase, type StageGraph } from './stageLinks';

function largestFirst(graph: StageGraph): number[] {
  const order = graph.links.map((_, index) => index);
  return order.sort((a, b) => graph.links[b]!.value - graph.links[a]!.value || a - b);
}

/** Which nodes keep their own name when the `count` largest links are kept as they are. */
function keptNodes(graph: StageGraph, order: number[], count: number): Uint8Array {
  const kept = new Uint8Array(graph.nodes.length);
  for (let i = 0; i < count; i++) {
    const link = graph.links[order[i]!]!;
    kept[link.source] = 1;
    kept[link.target] = 1;
  }
  return kept;
}

function linksAfterFolding(graph: StageGraph, kept: Uint8Array): number {
  const base = graph.nodes.length;
  const distinct = new Set<number>();
  for (const { source, target } of graph.links) {
    const from = kept[source] ? source : base + graph.nodes[source]!.column;
    const to = kept[target] ? target : base + graph.nodes[target]!.column;
    distinct.add(from * linkKeyBase + to);
  }
  return distinct.size;
}

/**
 * Draws at most `topLinks` links. The largest links stay exactly as they are; every node outside
 * them folds into its column's "Other" node, so each column's total stays true and flows keep
 * adding up along paths. Folding more nodes can only merge links, never split them, so the number
 * of links drawn grows with the number of largest links kept and a binary search finds the most
 * that fit.
 */
export function foldIntoOther(
  graph: StageGraph,
  topLinks: number,
  otherLabel: string
): { graph: StageGraph; folded: number } {
  if (!(topLinks > 0) || graph.links.length <= topLinks) {
    return { graph, folded: 0 };
  }
  const order = largestFirst(graph);
  let fits = 0;
  let tooMany = graph.links.length;
  while (tooMany - fits > 1) {
    const middle = (fits + tooMany) >> 1;
    if (linksAfterFolding(graph, keptNodes(graph, order, middle)) <= topLinks) {
      fits = middle;
    } else {
      tooMany = middle;
    }
  }
  const kept = keptNodes(graph, order, fits);
  const columnCount = graph.nodes.reduce((count, node) => Math.max(count, node.column + 1), 0);
  const foldedPerColumn = new Array<number>(columnCount).fill(0);
  graph.nodes.forEach((node, index) => {
    if (!kept[index]) {
      foldedPerColumn[node.column]! += 1;
    }
  });
  const others = foldedPerColumn.map((folded, column) => otherNode(column, otherLabel, folded));
  const base = graph.nodes.length;
  const folded = graph.links.filter((link) => !kept[link.source] || !kept[link.target]).length;
  const regrouped = regroupLinks(
    graph,
    [...graph.nodes, ...others],
    (node) => (kept[node] ? node : base + graph.nodes[node]!.column),
    () => true
  );
  return { graph: regrouped, folded };
}
