import { fitLabel } from './labelText';
import type { MeasureText } from './textWidth';
import type { PlacedHeader, PlacedNode } from './types';

/** Headers are drawn in Grafana's medium weight (theme.typography.fontWeightMedium). */
const headerWeight = 500;

/**
 * One header per layer, from the field whose nodes fill it (under d3's alignments a layer can mix
 * columns; the majority names it). Outer headers line up with the outer edge of their labels.
 */
export function columnHeaders(
  nodes: PlacedNode[],
  nodeColumns: number[],
  titles: string[],
  layerCount: number,
  room: { outerLeft: number; outerRight: number; between: number },
  fontSize: number,
  measure: MeasureText
): PlacedHeader[] {
  const votes = Array.from({ length: layerCount }, () => new Map<number, number>());
  const edges = Array.from({ length: layerCount }, () => ({ x0: Infinity, x1: -Infinity }));
  nodes.forEach((node, index) => {
    const tally = votes[node.layer];
    const edge = edges[node.layer];
    if (!tally || !edge) {
      return;
    }
    const column = nodeColumns[index] ?? 0;
    tally.set(column, (tally.get(column) ?? 0) + 1);
    edge.x0 = Math.min(edge.x0, node.x0);
    edge.x1 = Math.max(edge.x1, node.x1);
  });

  const headers: PlacedHeader[] = [];
  votes.forEach((tally, layer) => {
    const edge = edges[layer]!;
    if (tally.size === 0) {
      return;
    }
    const [column] = [...tally.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    const title = titles[column] ?? '';
    const isFirst = layer === 0 && layerCount > 1;
    const isLast = layer === layerCount - 1;
    const nodeWidth = edge.x1 - edge.x0;
    // Outer headers sit over their labels and reach halfway to the next layer.
    const outerRoom = (labels: number) => labels + nodeWidth + room.between / 2;
    if (isFirst) {
      headers.push({
        x: edge.x0 - room.outerLeft,
        anchor: 'start',
        text: fitLabel(title, outerRoom(room.outerLeft), fontSize, measure, headerWeight).text,
      });
    } else if (isLast) {
      headers.push({
        x: edge.x1 + room.outerRight,
        anchor: 'end',
        text: fitLabel(title, outerRoom(room.outerRight), fontSize, measure, headerWeight).text,
      });
    } else {
      headers.push({
        x: (edge.x0 + edge.x1) / 2,
        anchor: 'middle',
        text: fitLabel(title, room.between + nodeWidth, fontSize, measure, headerWeight).text,
      });
    }
  });
  return headers;
}
