import { type Field, FieldType, type PanelOptionsEditorBuilder } from '@grafana/data';
import { DimensionListPicker, DimensionPicker } from './editors/DimensionPicker';
import { defaultSankeyOptions } from './optionDefaults';
import type { SankeyOptions } from './types';

const data = ['Data'];
const links = ['Links'];
const layout = ['Layout'];
const colors = ['Colors'];
const drawing = ['Drawing'];

/**
 * Every panel option, declared once. Units, decimals, the node colour scheme, value mappings,
 * thresholds and data links are Grafana's standard field options (see module.tsx), not ours.
 */
export function addSankeyOptions(builder: PanelOptionsEditorBuilder<SankeyOptions>): void {
  builder
    .addCustomEditor({
      id: 'sourceField',
      path: 'sourceField',
      name: 'Source',
      description: 'Field (or time series label) for the first column. Empty: the first text field.',
      category: data,
      editor: DimensionPicker,
      settings: { placeholder: 'First text field' },
    })
    .addCustomEditor({
      id: 'hopFields',
      path: 'hopFields',
      name: 'Hops',
      description:
        'Columns between source and target, in order (namespace → pod → service → pod). N columns make N − 1 stages.',
      category: data,
      editor: DimensionListPicker,
      defaultValue: defaultSankeyOptions.hopFields,
      settings: { placeholder: 'None' },
    })
    .addCustomEditor({
      id: 'targetField',
      path: 'targetField',
      name: 'Target',
      description:
        'Field (or label) for the last column. Empty: the next unused text field. With source, hops and target all empty, the first four text fields are the columns, in query order.',
      category: data,
      editor: DimensionPicker,
      settings: { placeholder: 'Next text field' },
    })
    .addFieldNamePicker({
      path: 'valueField',
      name: 'Value',
      description:
        'Number field that sizes links, such as bytes or throughput. Empty: the first number field (time series: every series).',
      category: data,
      settings: { filter: (field: Field) => field.type === FieldType.number, placeholderText: 'First number field' },
    })
    .addRadio({
      path: 'valueReducer',
      name: 'Reduce values with',
      description: 'How the values of one source → target pair combine: several rows, or the points of a time series.',
      category: data,
      defaultValue: defaultSankeyOptions.valueReducer,
      settings: {
        options: [
          { value: 'sum', label: 'Sum' },
          { value: 'mean', label: 'Mean' },
          { value: 'max', label: 'Max' },
          { value: 'last', label: 'Last' },
        ],
      },
    })
    .addRadio({
      path: 'emptyNames',
      name: 'Empty names',
      description: 'Rows with an empty or null name: show them under a label, or let the flow skip that column.',
      category: data,
      defaultValue: defaultSankeyOptions.emptyNames,
      settings: {
        options: [
          { value: 'label', label: 'Label them' },
          { value: 'skip', label: 'Skip the column' },
        ],
      },
    })
    .addTextInput({
      path: 'emptyLabel',
      name: 'Empty name label',
      description: 'Name shown for empty names, e.g. "external" for flows to outside the cluster.',
      category: data,
      defaultValue: defaultSankeyOptions.emptyLabel,
      showIf: (options) => options.emptyNames !== 'skip',
    })
    .addNumberInput({
      path: 'topLinks',
      name: 'Top links',
      description:
        'Draw at most this many links: the largest stay as they are and the rest fold into an "Other" node per column, so column totals stay true. 0 draws every link.',
      category: links,
      defaultValue: defaultSankeyOptions.topLinks,
      settings: { min: 0, integer: true },
    })
    .addTextInput({
      path: 'otherLabel',
      name: '"Other" label',
      description: 'Name of the node that collects what the top links leave out.',
      category: links,
      defaultValue: defaultSankeyOptions.otherLabel,
    })
    .addNumberInput({
      path: 'minValue',
      name: 'Minimum value',
      description:
        'Hide links smaller than this, in the value field’s raw unit (e.g. bytes). Hidden links are counted below the chart.',
      category: links,
      settings: { min: 0, placeholder: 'None' },
    })
    .addSelect({
      path: 'nodeAlign',
      name: 'Alignment',
      description:
        'Where nodes sit horizontally. Columns: each under its field. Justify, left, right and center are d3-sankey’s alignments by graph depth; they differ when flows skip columns.',
      category: layout,
      defaultValue: defaultSankeyOptions.nodeAlign,
      settings: {
        options: [
          { value: 'columns', label: 'Columns' },
          { value: 'justify', label: 'Justify' },
          { value: 'left', label: 'Left' },
          { value: 'right', label: 'Right' },
          { value: 'center', label: 'Center' },
        ],
      },
    })
    .addRadio({
      path: 'nodeSort',
      name: 'Sort nodes',
      description:
        'Order within a column. Auto: placed to reduce crossings. Value: largest first. Name: A–Z. Input: the query’s row order.',
      category: layout,
      defaultValue: defaultSankeyOptions.nodeSort,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'value', label: 'Value' },
          { value: 'name', label: 'Name' },
          { value: 'input', label: 'Input' },
        ],
      },
    })
    .addSliderInput({
      path: 'nodeWidth',
      name: 'Node width',
      description: 'Width of the node bars, in pixels.',
      category: layout,
      defaultValue: defaultSankeyOptions.nodeWidth,
      settings: { min: 2, max: 60, step: 1 },
    })
    .addSliderInput({
      path: 'nodePadding',
      name: 'Node padding',
      description:
        'Vertical gap between nodes of a column, in pixels (shrinks automatically when a column has many nodes).',
      category: layout,
      defaultValue: defaultSankeyOptions.nodePadding,
      settings: { min: 0, max: 60, step: 1 },
    })
    .addSliderInput({
      path: 'iterations',
      name: 'Layout iterations',
      description:
        'Relaxation passes that straighten links. More is tidier but slower; very large graphs use fewer automatically.',
      category: layout,
      defaultValue: defaultSankeyOptions.iterations,
      settings: { min: 0, max: 32, step: 1 },
    })
    .addBooleanSwitch({
      path: 'showHeaders',
      name: 'Column headers',
      description: 'Show each column’s field display name above it.',
      category: layout,
      defaultValue: defaultSankeyOptions.showHeaders,
    })
    .addRadio({
      path: 'nodeLabels',
      name: 'Node labels',
      description: 'Long names are shortened in the middle to fit; the tooltip always has the full name.',
      category: layout,
      defaultValue: defaultSankeyOptions.nodeLabels,
      settings: {
        options: [
          { value: 'name', label: 'Name' },
          { value: 'nameAndValue', label: 'Name and value' },
          { value: 'none', label: 'None' },
        ],
      },
    })
    .addSelect({
      path: 'linkColor',
      name: 'Link color',
      description:
        'Source or target: the node’s colour (nodes follow the standard Color scheme option and value mappings). Gradient: from source to target. Single: one colour. Thresholds: the link’s value against the standard Thresholds.',
      category: colors,
      defaultValue: defaultSankeyOptions.linkColor,
      settings: {
        options: [
          { value: 'source', label: 'By source' },
          { value: 'target', label: 'By target' },
          { value: 'gradient', label: 'Gradient' },
          { value: 'single', label: 'Single color' },
          { value: 'thresholds', label: 'By value (thresholds)' },
        ],
      },
    })
    .addColorPicker({
      path: 'singleColor',
      name: 'Single color',
      description: 'The colour of every link.',
      category: colors,
      defaultValue: defaultSankeyOptions.singleColor,
      showIf: (options) => options.linkColor === 'single',
    })
    .addSliderInput({
      path: 'linkOpacity',
      name: 'Link opacity',
      description: 'Opacity of links; hovering dims the others and shows the hovered paths stronger.',
      category: colors,
      defaultValue: defaultSankeyOptions.linkOpacity,
      settings: { min: 0.05, max: 1, step: 0.05 },
    })
    .addRadio({
      path: 'renderer',
      name: 'Renderer',
      description:
        'Auto draws SVG and switches to canvas past 1,000 links or nodes, to stay fast. Both behave the same.',
      category: drawing,
      defaultValue: defaultSankeyOptions.renderer,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'svg', label: 'SVG' },
          { value: 'canvas', label: 'Canvas' },
        ],
      },
    });
}
