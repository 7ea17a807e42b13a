/**
 * PanelData as Grafana's panel query runner hands it to a panel once a query has finished: the frames run
 * through applyFieldOverrides with the plugin's field config registry, so every field has its merged
 * config, display() and getLinks(). No transformations, annotations or request: the host runs no query.
 */
import {
  applyFieldOverrides,
  compareDataFrameStructures,
  type DataFrame,
  type DataQueryError,
  type FieldConfigSource,
  type GrafanaTheme2,
  type InterpolateFunction,
  LoadingState,
  type PanelData,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';

export interface PanelDataInput {
  plugin: PanelPlugin;
  frames: DataFrame[];
  /** Per-query errors; any makes the state Error, as Grafana's query runner does. */
  errors: DataQueryError[];
  fieldConfig: FieldConfigSource;
  theme: GrafanaTheme2;
  replaceVariables: InterpolateFunction;
  timeRange: TimeRange;
  timeZone: string;
  /** The previous render's data, to keep structureRev steady while the frames' shape stays the same. */
  previous?: PanelData;
}

export function preparePanelData(input: PanelDataInput): PanelData {
  const series = applyFieldOverrides({
    data: input.frames,
    fieldConfig: input.fieldConfig,
    fieldConfigRegistry: input.plugin.fieldConfigRegistry,
    replaceVariables: input.replaceVariables,
    theme: input.theme,
    timeZone: input.timeZone,
  });
  const { errors } = input;
  return {
    state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
    series,
    timeRange: input.timeRange,
    structureRev: nextStructureRev(input.previous, series),
    ...(errors.length > 0 ? { errors, error: errors[0] } : {}),
  };
}

/** Grafana bumps structureRev when fields are added, removed or change type; panels use it to rebuild caches. */
function nextStructureRev(previous: PanelData | undefined, series: DataFrame[]): number {
  const previousRev = previous?.structureRev ?? 0;
  if (!previous) {
    return 1;
  }
  const sameShape =
    previous.series.length === series.length &&
    series.every((frame, index) => compareDataFrameStructures(frame, previous.series[index]!, true));
  return sameShape ? previousRev : previousRev + 1;
}
