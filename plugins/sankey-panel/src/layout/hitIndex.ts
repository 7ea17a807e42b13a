import { distanceOutsideLink } from './linkCurve';
import type { SankeyLayout } from './types';

export type Hit = { kind: 'node'; index: number } | { kind: 'link'; index: number } | undefined;

/** Pointer slack around nodes, so thin ones can still be hovered. */
const nodeSlack = 2;

/**
 * Answers "what is under the pointer" from geometry alone, the same way for SVG and canvas: nodes
 * by layer and binary search, links by testing only those spanning the pointer's x. Built once
 * per layout; each query is cheap enough for every pointer move on 20,000 links.
 */
export function buildHitIndex(layout: SankeyLayout): (x: number, y: number) => Hit {
  const layers = new Map<number, { x0: number; x1: number; nodes: number[] }>();
  layout.nodes.forEach((node, index) => {
    const layer = layers.get(node.layer) ?? { x0: node.x0, x1: node.x1, nodes: [] };
    layer.nodes.push(index);
    layers.set(node.layer, layer);
  });
  for (const layer of layers.values()) {
    layer.nodes.sort((a, b) => layout.nodes[a]!.y0 - layout.nodes[b]!.y0);
  }
  // Links in reverse draw order: the thinnest are drawn last, on top, so they win ties.
  const topFirst = Array.from(layout.drawOrder).reverse();

  return (x, y) => {
    for (const layer of layers.values()) {
      if (x < layer.x0 - nodeSlack || x > layer.x1 + nodeSlack) {
        continue;
      }
      // Nodes are sorted and do not overlap: find the first whose bottom (plus slack) reaches the
      // pointer, then the nearest of the few that start within the slack; thin nodes share it.
      let low = 0;
      let high = layer.nodes.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (layout.nodes[layer.nodes[middle]!]!.y1 + nodeSlack < y) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      let best: number | undefined;
      let bestDistance = Infinity;
      for (let at = low; at < layer.nodes.length && bestDistance > 0; at++) {
        const node = layout.nodes[layer.nodes[at]!]!;
        if (node.y0 - nodeSlack > y) {
          break;
        }
        const distance = y < node.y0 ? node.y0 - y : y > node.y1 ? y - node.y1 : 0;
        if (distance < bestDistance) {
          best = layer.nodes[at];
          bestDistance = distance;
        }
      }
      if (best !== undefined) {
        return { kind: 'node', index: best };
      }
    }
    for (const index of topFirst) {
      if (distanceOutsideLink(layout.links[index]!, x, y) <= 0) {
        return { kind: 'link', index };
      }
    }
    return undefined;
  };
}
