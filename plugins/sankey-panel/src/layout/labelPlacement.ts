import { fitLabel } from './labelText';
import type { MeasureText } from './textWidth';
import type { PlacedLabel, PlacedNode } from './types';

export const labelGap = 6;

export interface LabelSpace {
  layerCount: number;
  /** Room left of the first layer and right of the last one, reserved for their labels. */
  outerLeft: number;
  outerRight: number;
  /** Room between layers, where middle layers' labels sit over the links. */
  between: number;
  fontSize: number;
}

function labelSide(layer: number, layerCount: number): 'left' | 'right' {
  return layer === 0 && layerCount > 1 ? 'left' : 'right';
}

/**
 * Labels every node that has room: largest nodes first, skipping any label that would overlap one
 * already placed in its layer. Thousands of hairline nodes then get a readable handful of labels
 * instead of an unreadable smear, and the hidden ones still show in the tooltip.
 */
export function placeLabels(
  nodes: PlacedNode[],
  texts: string[],
  space: LabelSpace,
  measure: MeasureText
): PlacedLabel[] {
  const lineHeight = space.fontSize * 1.25;
  const byValue = nodes.map((_, index) => index).sort((a, b) => nodes[b]!.value - nodes[a]!.value || a - b);
  const placedCenters = new Map<number, number[]>();
  const labels: PlacedLabel[] = [];

  for (const index of byValue) {
    const node = nodes[index]!;
    const center = (node.y0 + node.y1) / 2;
    const centers = placedCenters.get(node.layer) ?? [];
    // Binary search for the first placed centre below this one; only neighbours can collide.
    let low = 0;
    let high = centers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (centers[middle]! < center) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    const above = centers[low - 1];
    const below = centers[low];
    if ((above !== undefined && center - above < lineHeight) || (below !== undefined && below - center < lineHeight)) {
      continue;
    }
    const side = labelSide(node.layer, space.layerCount);
    const isLast = node.layer === space.layerCount - 1;
    const room = side === 'left' ? space.outerLeft : isLast ? space.outerRight : space.between;
    const fitted = fitLabel(texts[index] ?? '', room - labelGap, space.fontSize, measure);
    if (fitted.text === '') {
      continue;
    }
    centers.splice(low, 0, center);
    placedCenters.set(node.layer, centers);
    labels.push({
      node: index,
      x: side === 'left' ? node.x0 - labelGap : node.x1 + labelGap,
      y: center,
      anchor: side === 'left' ? 'end' : 'start',
      text: fitted.text,
      truncated: fitted.truncated,
    });
  }
  return labels.sort((a, b) => a.node - b.node);
}
