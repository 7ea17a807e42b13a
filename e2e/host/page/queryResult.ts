/**
 * The spec's data as Grafana's frontend holds a finished query: DataFrames plus any per-query errors.
 * Frames in backend JSON go through dataFrameFromJSON, the simple form through createDataFrame, and a
 * whole `/api/ds/query` response body through @grafana/runtime's toDataQueryResponse, as
 * DataSourceWithBackend does.
 */
import {
  createDataFrame,
  type DataFrame,
  type DataFrameJSON,
  dataFrameFromJSON,
  type DataQueryError,
  type PartialDataFrame,
} from '@grafana/data';
import { type BackendDataSourceResponse, toDataQueryResponse } from '@grafana/runtime';
import type { FrameJSON, PanelSpec, SimpleFrame } from '../panelSpec.ts';

export interface QueryResult {
  frames: DataFrame[];
  errors: DataQueryError[];
}

function isFrameJSON(frame: FrameJSON | SimpleFrame): frame is FrameJSON {
  return 'schema' in frame;
}

function toDataFrames(frames: ReadonlyArray<FrameJSON | SimpleFrame>): DataFrame[] {
  return frames.map((frame, index) => {
    try {
      return isFrameJSON(frame)
        ? dataFrameFromJSON(frame as DataFrameJSON)
        : createDataFrame(frame as PartialDataFrame);
    } catch (error) {
      throw new Error(`Frame ${index} could not be read as a Grafana data frame: ${String(error)}`);
    }
  });
}

export function toQueryResult(spec: Pick<PanelSpec, 'frames' | 'queryResponse'>): QueryResult {
  if (spec.frames && spec.queryResponse) {
    throw new Error('Give a panel spec either frames or queryResponse, not both');
  }
  if (!spec.queryResponse) {
    return { frames: toDataFrames(spec.frames ?? []), errors: [] };
  }
  const response = toDataQueryResponse({ data: spec.queryResponse as BackendDataSourceResponse });
  return { frames: response.data, errors: response.errors ?? (response.error ? [response.error] : []) };
}
