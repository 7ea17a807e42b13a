import type { NodeAlignment, NodeSort } from '../types';

/** What the layout needs to know about a node: its column and the text its label will show. */
export interface LayoutNodeInput {
  column: number;
  isOther: boolean;
  label: string;
}

export interface LayoutLinkInput {
  source: number;
  target: number;
  value: number;
}

export interface LayoutInput {
  nodes: LayoutNodeInput[];
  links: LayoutLinkInput[];
  columnTitles: string[];
}

export interface LayoutOptions {
  width: number;
  height: number;
  nodeAlign: NodeAlignment;
  nodeSort: NodeSort;
  nodeWidth: number;
  nodePadding: number;
  iterations: number;
  showHeaders: boolean;
  showLabels: boolean;
  fontSize: number;
}

export interface PlacedNode {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  value: number;
  layer: number;
}

/** A link runs from (x0, y0) at its source's right edge to (x1, y1) at its target's left edge. */
export interface PlacedLink {
  source: number;
  target: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  width: number;
  value: number;
}

export interface PlacedLabel {
  node: number;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  text: string;
  truncated: boolean;
}

export interface PlacedHeader {
  x: number;
  anchor: 'start' | 'middle' | 'end';
  text: string;
}

export interface SankeyLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  /** In input order; `drawOrder` lists them widest first so thin links stay visible on top. */
  links: PlacedLink[];
  drawOrder: Int32Array;
  labels: PlacedLabel[];
  headers: PlacedHeader[];
  /** Relaxation passes actually run: fewer than asked when the graph is too big for the budget. */
  iterations: number;
}
