/**
 * Panel options saved in the dashboard JSON. Field options hold a field's display name (or, for
 * time series, a label key); empty means "use the default" described in options.ts.
 */
export interface SankeyOptions {
  sourceField?: string;
  targetField?: string;
  /** Columns between source and target, in order: N columns make N − 1 stages. */
  hopFields?: string[];
  valueField?: string;
  valueReducer: ValueReducer;
  emptyNames: EmptyNames;
  emptyLabel: string;
  /** At most this many links are drawn; the rest fold into "Other". 0 draws every link. */
  topLinks: number;
  otherLabel: string;
  /** Links whose value is below this are hidden (in the value field's raw unit). */
  minValue?: number;
  nodeAlign: NodeAlignment;
  nodeSort: NodeSort;
  nodeWidth: number;
  nodePadding: number;
  iterations: number;
  showHeaders: boolean;
  nodeLabels: NodeLabels;
  linkColor: LinkColorMode;
  singleColor: string;
  linkOpacity: number;
  renderer: Renderer;
}

/** How samples of one source → … → target path become one value (time series or repeated rows). */
export type ValueReducer = 'sum' | 'mean' | 'max' | 'last';

/** What a row with an empty name in some column does: show it under a label, or jump over it. */
export type EmptyNames = 'label' | 'skip';

/** "columns" keeps every node under its field's header; the others are d3-sankey's alignments. */
export type NodeAlignment = 'columns' | 'justify' | 'left' | 'right' | 'center';

/** "auto" lets the layout order nodes to reduce crossings; "input" keeps the query's row order. */
export type NodeSort = 'auto' | 'value' | 'name' | 'input';

export type NodeLabels = 'name' | 'nameAndValue' | 'none';

export type LinkColorMode = 'source' | 'target' | 'gradient' | 'single' | 'thresholds';

/** "auto" draws SVG, and switches links and nodes to canvas when there are too many to stay fast. */
export type Renderer = 'auto' | 'svg' | 'canvas';
