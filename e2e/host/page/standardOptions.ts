/**
 * Grafana's app fills two registries of @grafana/data at start-up; a panel's options builder and its
 * `useFieldConfig()` read them. We fill them with the same ids, processors, defaults and rules
 * (facts from Grafana's OptionsUI registry) but no editor UI: the host never shows an options pane.
 */
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  type FieldConfigPropertyItem,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  type StandardEditorsRegistryItem,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

/** Stands in for every option editor: rendering panels never shows one. */
function NoEditor(): null {
  return null;
}

// Every editor id Grafana registers; builder methods (addSelect, addFieldNamePicker, …) look them up by id.
const editorIds = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'unit',
  'links',
  'stats-picker',
  'strings',
  'timezone',
  'fieldColor',
  'color',
  'multi-select',
  'field-name',
  'dashboard-uid',
  'mappings',
  'thresholds',
];

function optionEditors(): StandardEditorsRegistryItem[] {
  return editorIds.map((id) => ({ id, name: id, editor: NoEditor }));
}

function standardFieldConfigs(): FieldConfigPropertyItem[] {
  const isNumber = (field: { type: FieldType }) => field.type === FieldType.number;
  const always = () => true;
  const item = (
    id: string,
    process: FieldConfigPropertyItem['process'],
    shouldApply: FieldConfigPropertyItem['shouldApply'],
    extra: Partial<FieldConfigPropertyItem> = {}
  ): FieldConfigPropertyItem => ({
    id,
    path: id,
    name: id,
    editor: NoEditor,
    override: NoEditor,
    process,
    shouldApply,
    category: ['Standard options'],
    ...extra,
  });
  return [
    item('unit', stringOverrideProcessor, always),
    item('fieldMinMax', booleanOverrideProcessor, isNumber),
    item('min', numberOverrideProcessor, isNumber),
    item('max', numberOverrideProcessor, isNumber),
    item('decimals', numberOverrideProcessor, isNumber),
    item('displayName', displayNameOverrideProcessor, always, { settings: { expandTemplateVars: true } }),
    // Grafana picks palette-classic over thresholds for panels without by-value colours (see panelOptions.ts).
    item('color', identityOverrideProcessor, always, {
      settings: { byValueSupport: true, preferThresholdsMode: true },
    }),
    item('noValue', stringOverrideProcessor, always),
    item('links', dataLinksOverrideProcessor, always, { category: ['Data links'] }),
    item('mappings', valueMappingsOverrideProcessor, (field) => field.type !== FieldType.time, {
      defaultValue: [],
      category: ['Value mappings'],
    }),
    item('thresholds', thresholdsOverrideProcessor, always, {
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
      category: ['Thresholds'],
    }),
    item('filterable', booleanOverrideProcessor, always, { hideFromDefaults: true }),
  ];
}

export function registerStandardOptions(): void {
  standardEditorsRegistry.setInit(optionEditors);
  standardFieldConfigEditorRegistry.setInit(standardFieldConfigs);
}
