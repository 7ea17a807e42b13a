/** The spec's frames as @grafana/data DataFrames: backend JSON through dataFrameFromJSON, the simple form through createDataFrame. */
import {
  createDataFrame,
  type DataFrame,
  type DataFrameJSON,
  dataFrameFromJSON,
  type PartialDataFrame,
} from '@grafana/data';
import type { FrameJSON, SimpleFrame } from '../panelSpec.ts';

function isFrameJSON(frame: FrameJSON | SimpleFrame): frame is FrameJSON {
  return 'schema' in frame;
}

export function toDataFrames(frames: ReadonlyArray<FrameJSON | SimpleFrame> = []): DataFrame[] {
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
