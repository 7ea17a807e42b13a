import { sankeyCenter, sankeyJustify, sankeyLeft, sankeyRight, type SankeyNode } from 'd3-sankey';
import type { NodeAlignment, NodeSort } from '../types';

/** The node as d3-sankey sees it: our input plus d3's computed fields. */
export interface D3NodeData {
  column: number;
  isOther: boolean;
  label: string;
  /** Rank of the node's column among the columns in use: its layer under "columns" alignment. */
  columnLayer: number;
  /** Set by d3-sankey: the layer its alignment chose (missing from @types/d3-sankey). */
  layer?: number;
}

type D3Node = SankeyNode<D3NodeData, object>;

export function alignment(align: NodeAlignment): (node: D3Node, layers: number) => number {
  switch (align) {
    case 'justify':
      return sankeyJustify;
    case 'left':
      return sankeyLeft;
    case 'right':
      return sankeyRight;
    case 'center':
      return sankeyCenter;
    case 'columns':
    default:
      return (node) => node.columnLayer;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * d3-sankey reads `undefined` as "reorder by position while relaxing" and `null` as "keep the
 * input order". "Other" goes last whenever the order is ours to choose.
 */
export function ordering(sort: NodeSort): ((a: D3Node, b: D3Node) => number) | null | undefined {
  switch (sort) {
    case 'value':
      return (a, b) =>
        Number(a.isOther) - Number(b.isOther) || (b.value ?? 0) - (a.value ?? 0) || (a.index ?? 0) - (b.index ?? 0);
    case 'name':
      return (a, b) =>
        Number(a.isOther) - Number(b.isOther) || collator.compare(a.label, b.label) || (a.index ?? 0) - (b.index ?? 0);
    case 'input':
      return null;
    case 'auto':
    default:
      return undefined;
  }
}
