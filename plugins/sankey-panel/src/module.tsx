import { FieldColorModeId, FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { addSankeyOptions } from './options';
import { SafeSankeyPanel } from './SankeyPanel';
import type { SankeyOptions } from './types';

export const plugin = new PanelPlugin<SankeyOptions>(SafeSankeyPanel)
  .useFieldConfig({
    standardOptions: {
      // By name: a pod keeps its colour across refreshes, panels and dashboards.
      [FieldConfigProperty.Color]: {
        defaultValue: { mode: FieldColorModeId.PaletteClassicByName },
        settings: { byValueSupport: true, bySeriesSupport: false, preferThresholdsMode: false },
      },
    },
    disableStandardOptions: [
      FieldConfigProperty.NoValue,
      FieldConfigProperty.Filterable,
      // By their values: Grafana 11.0 has these options but not their FieldConfigProperty names.
      'fieldMinMax' as FieldConfigProperty,
      // The panel has no place to offer actions (API calls) yet; data links cover drill-down.
      'actions' as FieldConfigProperty,
    ],
  })
  .setPanelOptions(addSankeyOptions);
