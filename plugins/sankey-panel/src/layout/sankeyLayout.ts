import { sankey, type SankeyGraph, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { columnHeaders } from './columnHeaders';
import { planLayout } from './layoutBudget';
import { labelGap, placeLabels } from './labelPlacement';
import { alignment, ordering, type D3NodeData } from './nodeOrder';
import { estimateTextWidth, type MeasureText } from './textWidth';
import type { LayoutInput, LayoutOptions, PlacedLink, PlacedNode, SankeyLayout } from './types';

type D3Node = SankeyNode<D3NodeData, object>;
type D3Link = SankeyLink<D3NodeData, object>;

/**
 * Gaps between nodes may take at most this share of a column's height. d3-sankey shrinks padding
 * only until the gaps fill the whole height, which leaves a column of 2,000 pods with no room for
 * the pods themselves.
 */
const maxPaddingShare = 0.3;

/** Outer labels may take at most this share of the width each, so the flows keep most of it. */
const maxOuterLabelShare = 0.28;

function outerLabelRoom(input: LayoutInput, column: number, options: LayoutOptions, measure: MeasureText): number {
  if (!options.showLabels) {
    return 0;
  }
  const widest = input.nodes.reduce(
    (widest, node) => (node.column === column ? Math.max(widest, measure(node.label, options.fontSize)) : widest),
    0
  );
  return Math.min(widest + labelGap * 2, options.width * maxOuterLabelShare);
}

/** Once relaxation is done, order each node's links by where their other end sits, then re-stack. */
function sortLinksByPosition(nodes: D3Node[]): void {
  const byTarget = (a: D3Link, b: D3Link) => (a.target as D3Node).y0! - (b.target as D3Node).y0! || a.index! - b.index!;
  const bySource = (a: D3Link, b: D3Link) => (a.source as D3Node).y0! - (b.source as D3Node).y0! || a.index! - b.index!;
  for (const node of nodes) {
    node.sourceLinks?.sort(byTarget);
    node.targetLinks?.sort(bySource);
  }
}

/**
 * Positions for nodes, links, labels and headers inside width × height. Pure and deterministic:
 * the same input and text measure give the same picture, which the tests pin down as tables.
 */
export function layoutSankey(
  input: LayoutInput,
  options: LayoutOptions,
  measure: MeasureText = estimateTextWidth
): SankeyLayout {
  const { width, height, fontSize } = options;
  const usedColumns = [...new Set(input.nodes.map((node) => node.column))].sort((a, b) => a - b);
  const columnLayer = new Map(usedColumns.map((column, layer) => [column, layer]));
  const lastColumn = usedColumns[usedColumns.length - 1] ?? 0;
  const outerLeft = outerLabelRoom(input, usedColumns[0] ?? 0, options, measure);
  const outerRight = outerLabelRoom(input, lastColumn, options, measure);
  const top = options.showHeaders ? Math.ceil(fontSize * 1.6) : 2;
  const nodeWidth = Math.max(1, Math.min(options.nodeWidth, width / 8));
  const left = outerLeft;
  const right = Math.max(left + nodeWidth * 2, width - outerRight);
  const bottom = Math.max(top + 1, height - 2);

  const empty: SankeyLayout = {
    width,
    height,
    nodes: [],
    links: [],
    drawOrder: new Int32Array(0),
    labels: [],
    headers: [],
    iterations: 0,
  };
  if (input.links.length === 0) {
    return empty;
  }

  const perColumn = new Map<number, number>();
  for (const node of input.nodes) {
    perColumn.set(node.column, (perColumn.get(node.column) ?? 0) + 1);
  }
  const tallestColumn = Math.max(1, ...perColumn.values());
  const nodePadding = Math.max(
    0,
    Math.min(options.nodePadding, ((bottom - top) * maxPaddingShare) / Math.max(1, tallestColumn - 1))
  );

  const plan = planLayout(input.nodes.length, input.links, options.iterations);
  const generator = sankey<D3NodeData, object>()
    .extent([
      [left, top],
      [right, bottom],
    ])
    .nodeWidth(nodeWidth)
    .nodePadding(nodePadding)
    .nodeAlign(alignment(options.nodeAlign))
    .nodeSort(ordering(options.nodeSort))
    .iterations(plan.iterations);
  if (!plan.sortLinksWhileRelaxing) {
    generator.linkSort(null);
  }

  // The layout only needs proportions; scaling values to at most 1 keeps d3's weighted sums finite
  // even for counters near the largest double.
  // Dividing (not multiplying by 1 / largest) keeps even denormal values in range.
  const found = input.links.reduce((most, link) => Math.max(most, link.value), 0);
  const largest = found > 0 && Number.isFinite(found) ? found : 1;
  const graph: SankeyGraph<D3NodeData, object> = generator({
    nodes: input.nodes.map((node) => ({ ...node, columnLayer: columnLayer.get(node.column) ?? 0 })),
    links: input.links.map((link) => ({ source: link.source, target: link.target, value: link.value / largest })),
  });
  const d3Nodes = graph.nodes as D3Node[];
  if (!plan.sortLinksWhileRelaxing) {
    sortLinksByPosition(d3Nodes);
    generator.update(graph);
  }

  // d3 spaces layers by graph depth; under "columns" every used column gets its own x, even when
  // no path runs through all of them.
  const layerCount =
    options.nodeAlign === 'columns'
      ? usedColumns.length
      : d3Nodes.reduce((most, node) => Math.max(most, node.layer ?? 0), 0) + 1;
  const step = layerCount > 1 ? (right - left - nodeWidth) / (layerCount - 1) : 0;
  const nodes: PlacedNode[] = d3Nodes.map((node) => {
    const layer = options.nodeAlign === 'columns' ? node.columnLayer : (node.layer ?? 0);
    const x0 = options.nodeAlign === 'columns' ? left + layer * step : node.x0!;
    return { x0, x1: x0 + nodeWidth, y0: node.y0!, y1: node.y1!, value: (node.value ?? 0) * largest, layer };
  });
  const links: PlacedLink[] = (graph.links as D3Link[]).map((link, index) => {
    const source = (link.source as D3Node).index!;
    const target = (link.target as D3Node).index!;
    return {
      source,
      target,
      x0: nodes[source]!.x1,
      x1: nodes[target]!.x0,
      y0: link.y0!,
      y1: link.y1!,
      width: Math.max(0, link.width ?? 0),
      value: input.links[index]!.value,
    };
  });
  const drawOrder = Int32Array.from(
    links.map((_, index) => index).sort((a, b) => links[b]!.width - links[a]!.width || a - b)
  );

  const between = Math.max(0, step - nodeWidth);
  const space = { layerCount, outerLeft, outerRight, between, fontSize };
  return {
    width,
    height,
    nodes,
    links,
    drawOrder,
    labels: options.showLabels
      ? placeLabels(
          nodes,
          input.nodes.map((node) => node.label),
          space,
          measure
        )
      : [],
    headers: options.showHeaders
      ? columnHeaders(
          nodes,
          input.nodes.map((node) => node.column),
          input.columnTitles,
          layerCount,
          space,
          fontSize,
          measure
        )
      : [],
    iterations: plan.iterations,
  };
}
