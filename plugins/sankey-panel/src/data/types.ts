import type { Field } from '@grafana/data';

/** One row of one field: where a node or link asks for its data links and interpolation values. */
export interface RowOrigin {
  field: Field;
  row: number;
}

/** A column of the Sankey: one hop field of the query (or one label key of time series). */
export interface SankeyColumn {
  /** What the options (or the defaults) asked for: a field display name or a label key. */
  name: string;
  /** Header text: the field's display name. */
  title: string;
  /** The hop field of the first frame that has it; mappings and links come from its config. */
  field?: Field;
}

export interface SankeyNode {
  /** Unique per column: the same pod as source and as destination is two nodes, so no cycles. */
  key: string;
  column: number;
  /** The raw name from the data (empty names already replaced by the empty label). */
  name: string;
  isOther: boolean;
  /** For an "Other" node: how many names of its column it stands for. */
  folded?: number;
  origin?: RowOrigin;
}

export interface SankeyLink {
  source: number;
  target: number;
  value: number;
  origin?: RowOrigin;
}

/**
 * Each path is one distinct source → … → target combination of the data with its reduced value.
 * The links of path p are links[offsets[p]] … links[offsets[p + 1] − 1]; hover uses them to show
 * how much of each link flows through the hovered node.
 */
export interface SankeyPaths {
  offsets: Int32Array;
  links: Int32Array;
  values: Float64Array;
}

export interface SkippedValues {
  null: number;
  nan: number;
  negative: number;
  /** Paths whose reduced value is 0: nothing to draw. */
  zero: number;
  /** Rows with fewer than two names once empty names are skipped: no link to draw. */
  unnamed: number;
}

/** What the panel left out, so it can say so instead of silently drawing less. */
export interface SankeyNotes {
  skipped: SkippedValues;
  belowMinimum: number;
  foldedIntoOther: number;
  ignoredFrames: string[];
}

export interface SankeyGraph {
  columns: SankeyColumn[];
  nodes: SankeyNode[];
  links: SankeyLink[];
  paths: SankeyPaths;
  /** The first value field: unit, decimals, thresholds and colour scheme for every value shown. */
  valueField: Field;
  /** Sum of every path's value before the minimum filter: "share of total" divides by this. */
  total: number;
  notes: SankeyNotes;
}

export type GraphResult =
  | { kind: 'graph'; graph: SankeyGraph }
  | { kind: 'noData' }
  | { kind: 'problem'; message: string; needsNumberField?: boolean; needsStringField?: boolean };
