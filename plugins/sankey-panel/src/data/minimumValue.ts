import { regroupLinks } from './regroupLinks';
import type { StageGraph } from './stageLinks';

/** Hides links smaller than `minValue` (before top links, so "Other" only collects what is kept). */
export function hideSmallLinks(graph: StageGraph, minValue: number | undefined): { graph: StageGraph; hidden: number } {
  if (minValue === undefined || !(minValue > 0)) {
    return { graph, hidden: 0 };
  }
  const keep = graph.links.map((link) => link.value >= minValue);
  const hidden = keep.filter((kept) => !kept).length;
  if (hidden === 0) {
    return { graph, hidden };
  }
  return {
    graph: regroupLinks(
      graph,
      graph.nodes,
      (node) => node,
      (link) => keep[link]!
    ),
    hidden,
  };
}
