import {
  FieldColorModeId,
  type Field,
  FieldConfigProperty,
  type FieldOverrideContext,
  FieldType,
  getFieldDisplayName,
  type PanelOptionsEditorBuilder,
  type SelectableValue,
  type SetFieldConfigOptionsArgs,
} from '@grafana/data';
import { defaultChordOptions } from './optionDefaults';
import {
  type ArcSize,
  type ChordOptions,
  type ColorBy,
  type ColorPick,
  type GroupSort,
  type RibbonMode,
} from './types';

const fields = ['Fields'];
const chord = ['Chord'];
const colors = ['Colors'];

/** Every field name in the current query result, for the detail field picker. */
async function fieldNames(context: FieldOverrideContext): Promise<Array<SelectableValue<string>>> {
  const frames = context.data ?? [];
  const names = new Set<string>();
  for (const frame of frames) {
    for (const field of frame.fields) {
      names.add(getFieldDisplayName(field, frame, frames));
    }
  }
  return [...names].map((name) => ({ label: name, value: name }));
}

/** The panel's own options, each declared once; defaults live in optionDefaults.ts. */
export function addChordOptions(builder: PanelOptionsEditorBuilder<ChordOptions>) {
  const d = defaultChordOptions;
  return builder
    .addFieldNamePicker({
      path: 'sourceField',
      name: 'Source field',
      description: 'Where traffic comes from, e.g. sourcePodName or "namespace/pod". Default: the first text field.',
      category: fields,
      settings: { filter: (field: Field) => field.type === FieldType.string, placeholderText: 'First text field' },
    })
    .addFieldNamePicker({
      path: 'targetField',
      name: 'Target field',
      description: 'Where traffic goes, e.g. destinationPodName. Default: the next text field.',
      category: fields,
      settings: { filter: (field: Field) => field.type === FieldType.string, placeholderText: 'Next text field' },
    })
    .addFieldNamePicker({
      path: 'valueField',
      name: 'Value field',
      description:
        'How much traffic: bytes, packets or flow count. Rows of the same pair are summed. Default: the first number field without value mappings.',
      category: fields,
      settings: { filter: (field: Field) => field.type === FieldType.number, placeholderText: 'First number field' },
    })
    .addFieldNamePicker({
      path: 'colorField',
      name: 'Color field',
      description:
        'Colors ribbons when "Color by" is "Field", e.g. ingressNetworkPolicyRuleAction with value mappings Allow → green, Drop → red.',
      category: fields,
      settings: { isClearable: true, placeholderText: 'None' },
    })
    .addMultiSelect({
      path: 'detailFields',
      name: 'Detail fields',
      description: 'Shown for every row in the ribbon tooltip, e.g. the policy name and destination port.',
      category: fields,
      defaultValue: d.detailFields,
      // The builder types options as SelectableValue<string[]>; Grafana's multi-select editor offers single names.
      settings: {
        options: [],
        getOptions: fieldNames as unknown as (
          context: FieldOverrideContext
        ) => Promise<Array<SelectableValue<string[]>>>,
        isClearable: true,
        allowCustomValue: true,
      },
    })
    .addRadio({
      path: 'ribbons',
      name: 'Ribbons',
      description:
        'Directed: one ribbon per source → target. Undirected: one ribbon per pair of groups, both directions together.',
      category: chord,
      defaultValue: d.ribbons,
      settings: {
        options: [
          { value: 'directed', label: 'Directed' },
          { value: 'undirected', label: 'Undirected' },
        ] satisfies Array<SelectableValue<RibbonMode>>,
      },
    })
    .addBooleanSwitch({
      path: 'arrowHeads',
      name: 'Arrow heads',
      description: 'Point directed ribbons at their target.',
      category: chord,
      defaultValue: d.arrowHeads,
      showIf: (options) => options.ribbons !== 'undirected',
    })
    .addRadio({
      path: 'arcSize',
      name: 'Arc size',
      description:
        'What an arc’s length stands for: traffic leaving and entering the group, only leaving it, or only entering it. With one direction, directed ribbons are wide at that end and a point at the other.',
      category: chord,
      defaultValue: d.arcSize,
      settings: {
        options: [
          { value: 'both', label: 'Both' },
          { value: 'outgoing', label: 'Outgoing' },
          { value: 'incoming', label: 'Incoming' },
        ] satisfies Array<SelectableValue<ArcSize>>,
      },
    })
    .addRadio({
      path: 'groupSort',
      name: 'Sort groups',
      description:
        'Order of arcs clockwise from the top. By name keeps the pods of a namespace together; "Other" is always last.',
      category: chord,
      defaultValue: d.groupSort,
      settings: {
        options: [
          { value: 'name', label: 'Name' },
          { value: 'value', label: 'Traffic' },
          { value: 'data', label: 'Data order' },
        ] satisfies Array<SelectableValue<GroupSort>>,
      },
    })
    .addNumberInput({
      path: 'topGroups',
      name: 'Top groups',
      description: 'Show the groups with the most traffic and merge the rest into "Other". 0 shows every group.',
      category: chord,
      defaultValue: d.topGroups,
      settings: { min: 0, integer: true },
    })
    .addNumberInput({
      path: 'minValue',
      name: 'Minimum value',
      description: 'Hide pairs whose summed value is below this, in the value field’s raw unit (e.g. bytes).',
      category: chord,
      defaultValue: d.minValue,
      settings: { min: 0 },
    })
    .addBooleanSwitch({
      path: 'selfFlows',
      name: 'Self-flows',
      description: 'Show traffic from a group to itself, e.g. within a namespace when groups are namespaces.',
      category: chord,
      defaultValue: d.selfFlows,
    })
    .addBooleanSwitch({
      path: 'showLabels',
      name: 'Labels',
      description: 'Label arcs that are long enough; every name is in the tooltip.',
      category: chord,
      defaultValue: d.showLabels,
    })
    .addRadio({
      path: 'colorBy',
      name: 'Color by',
      description:
        'Group: each group’s palette color. Field: the color field’s value mappings (rule action). Value: the field color scheme or thresholds applied to each ribbon’s total.',
      category: colors,
      defaultValue: d.colorBy,
      settings: {
        options: [
          { value: 'group', label: 'Group' },
          { value: 'field', label: 'Field' },
          { value: 'value', label: 'Value' },
        ] satisfies Array<SelectableValue<ColorBy>>,
      },
    })
    .addRadio({
      path: 'colorPick',
      name: 'When rows disagree',
      description:
        'How to color a ribbon whose rows have different color-field values: split it into bands as wide as each value’s traffic, or color it whole by the highest value (rule action: Reject 3, Drop 2 win over Allow 1), the lowest, or the one with most traffic.',
      category: colors,
      defaultValue: d.colorPick,
      showIf: (options) => options.colorBy === 'field',
      settings: {
        options: [
          { value: 'split', label: 'Split' },
          { value: 'highest', label: 'Highest' },
          { value: 'lowest', label: 'Lowest' },
          { value: 'dominant', label: 'Most traffic' },
        ] satisfies Array<SelectableValue<ColorPick>>,
      },
    })
    .addSliderInput({
      path: 'ribbonOpacity',
      name: 'Ribbon opacity',
      description: 'Lower lets crossing ribbons show through each other.',
      category: colors,
      defaultValue: d.ribbonOpacity,
      settings: { min: 0.1, max: 1, step: 0.05 },
    })
    .addBooleanSwitch({
      path: 'showLegend',
      name: 'Legend',
      description: 'List the color-field values on screen under the chord.',
      category: colors,
      defaultValue: d.showLegend,
      showIf: (options) => options.colorBy === 'field',
    });
}

/**
 * Grafana's standard field options that mean something here: unit and decimals format values, color
 * and thresholds color by value, value mappings name and color the color field, links make ribbons
 * clickable, display name renames fields in the tooltip, min and max pin the value color range.
 */
export const chordFieldConfig: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Color]: {
      settings: { byValueSupport: true, bySeriesSupport: false, preferThresholdsColor: false },
      defaultValue: { mode: FieldColorModeId.ContinuousBlYlRd },
    },
  },
  disableStandardOptions: [
    FieldConfigProperty.NoValue,
    // By their values: Grafana 11.0 has these options but not their FieldConfigProperty names.
    'fieldMinMax' as FieldConfigProperty,
    FieldConfigProperty.Filterable,
    'actions' as FieldConfigProperty,
  ],
};
