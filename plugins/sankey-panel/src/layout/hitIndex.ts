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
      let low = 0;
      let high = layer.nodes.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const node = layout.nodes[layer.nodes[middle]!]!;
        if (y < node.y0 - nodeSlack) {
          high = middle - 1;
        } else if (y > node.y1 + nodeSlack) {
          low = middle + 1;
        } else {
          return { kind: 'node', index: layer.nodes[middle]! };
        }
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
