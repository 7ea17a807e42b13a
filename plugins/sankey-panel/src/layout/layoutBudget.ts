import type { LayoutLinkInput } from './types';

/**
 * Work the layout may spend on relaxation, in link visits (about 10 ns each in V8): enough for
 * the default top 50 links at full quality, while 20,000 links still lay out in tens of milliseconds.
 */
export const relaxationBudget = 1_000_000;

export interface LayoutPlan {
  iterations: number;
  /** d3-sankey re-sorts neighbours' links on every move; on dense graphs that alone takes seconds. */
  sortLinksWhileRelaxing: boolean;
}

/**
 * d3-sankey's relaxation places each link by walking its nodes' other links, so one pass costs
 * Σ degree² over nodes, and re-sorting links as nodes move multiplies that by log(degree). A hub
 * such as kube-dns with thousands of clients makes both explode; this picks the best quality that
 * fits the budget, so the layout stays bounded whatever the data.
 */
export function planLayout(nodeCount: number, links: LayoutLinkInput[], iterations: number): LayoutPlan {
  const incoming = new Float64Array(nodeCount);
  const outgoing = new Float64Array(nodeCount);
  for (const link of links) {
    outgoing[link.source]! += 1;
    incoming[link.target]! += 1;
  }
  let relaxCost = 0;
  let sortCost = 0;
  for (let node = 0; node < nodeCount; node++) {
    const inDegree = incoming[node]!;
    const outDegree = outgoing[node]!;
    relaxCost += inDegree * inDegree + outDegree * outDegree;
    sortCost += (inDegree * inDegree * Math.log2(inDegree + 1) + outDegree * outDegree * Math.log2(outDegree + 1)) * 2;
  }
  const requested = Math.max(0, Math.floor(iterations));
  if ((relaxCost + sortCost) * Math.max(1, requested) <= relaxationBudget) {
    return { iterations: requested, sortLinksWhileRelaxing: true };
  }
  return {
    iterations: Math.min(requested, Math.floor(relaxationBudget / Math.max(1, relaxCost))),
    sortLinksWhileRelaxing: false,
  };
}
