import type { DataType, Vector } from 'apache-arrow';

/** Grafana's field types as the frontend names them (the `tstype` Arrow metadata). */
export type FieldKind = 'time' | 'number' | 'string' | 'boolean' | 'other';

export interface FrameField {
  name: string;
  kind: FieldKind;
  /** Values as an Arrow vector of a type Grafana decodes (see frames/grafanaArrowTypes.ts). */
  values: Vector<DataType>;
  /** The source column may hold nulls (ClickHouse Nullable); derived from the values when unset. */
  nullable?: boolean;
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

export interface FrameNotice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

/** The subset of Grafana's FrameMeta the backend fills. */
export interface FrameMeta {
  type?: 'table' | 'timeseries-wide' | 'timeseries-long' | 'timeseries-multi';
  typeVersion?: [number, number];
  executedQueryString?: string;
  notices?: FrameNotice[];
  preferredVisualisationType?: 'table' | 'graph' | 'nodeGraph';
  custom?: Record<string, unknown>;
}

/** The one frame model of the backend: engines produce it, handlers shape it, protocol encodes it. */
export interface Frame {
  name?: string;
  refId?: string;
  meta?: FrameMeta;
  fields: FrameField[];
}
