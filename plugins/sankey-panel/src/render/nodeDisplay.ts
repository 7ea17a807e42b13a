import {
  type Field,
  type FieldColorMode,
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  getFieldColorMode,
  getFieldColorModeForField,
  type GrafanaTheme2,
} from '@grafana/data';
import type { SankeyGraph } from '../data/types';

/** Returned for names no value mapping matches, so a mapping's own colour can be told apart. */
const unmappedColor = '#00000001';

export interface NodeDisplay {
  /** Label text: a value mapping's text when one matches ("" → "external"), else the name. */
  text: string;
  color: string;
}

/** Value mappings of the node's column field (time series: of the value field), applied to names. */
function mappingsFor(field: Field | undefined, theme: GrafanaTheme2) {
  const mappings = field?.config.mappings;
  if (!field || !mappings || mappings.length === 0) {
    return undefined;
  }
  return getDisplayProcessor({
    field: {
      ...field,
      type: FieldType.string,
      config: { mappings, color: { mode: FieldColorModeId.Fixed, fixedColor: unmappedColor } },
    },
    theme,
  });
}

/**
 * The colour Grafana's "by series name" scheme gives a series called `name`, asked of the scheme itself
 * (Grafana 11.0 exports no name-hash helper), so a pod has the same colour here as in Grafana's own panels.
 */
function colorByName(mode: FieldColorMode, valueField: Field, name: string, theme: GrafanaTheme2): string {
  const series: Field = { ...valueField, name, state: { ...valueField.state, displayName: name } };
  return theme.visualization.getColorByName(mode.getCalculator(series, theme)(0, 0));
}

export function neutralColor(theme: GrafanaTheme2): string {
  return theme.colors.text.disabled;
}

/**
 * Node colours follow the value field's colour scheme (the panel's standard "Color scheme"
 * option): by name by default, so a pod keeps its colour across refreshes and panels; fixed; or
 * by the node's total for threshold and continuous schemes. A value mapping on a name wins, and
 * "Other" is always neutral.
 */
export function nodeDisplays(graph: SankeyGraph, nodeValues: ArrayLike<number>, theme: GrafanaTheme2): NodeDisplay[] {
  const valueField = graph.valueField;
  // No colour config at all (the plugin default not applied): the plugin's default, by name.
  const mode = valueField.config.color
    ? getFieldColorModeForField(valueField)
    : getFieldColorMode(FieldColorModeId.PaletteClassicByName);
  const columnMappings = graph.columns.map((column) => mappingsFor(column.field ?? valueField, theme));

  let maxValue = 0;
  for (let i = 0; i < nodeValues.length; i++) {
    maxValue = Math.max(maxValue, nodeValues[i] ?? 0);
  }
  const byValue = mode.isByValue
    ? getDisplayProcessor({
        field: {
          ...valueField,
          config: {
            ...valueField.config,
            min: valueField.config.min ?? 0,
            max: valueField.config.max ?? maxValue,
            mappings: [],
          },
        },
        theme,
      })
    : undefined;
  const palette = mode.getColors?.(theme);

  // Without "by name", palette colours go by size within each column, biggest first.
  const rankInColumn = new Int32Array(graph.nodes.length);
  if (palette && !mode.useSeriesName) {
    const columns = new Map<number, number[]>();
    graph.nodes.forEach((node, index) => {
      const members = columns.get(node.column);
      if (members) {
        members.push(index);
      } else {
        columns.set(node.column, [index]);
      }
    });
    for (const members of columns.values()) {
      members
        .sort((a, b) => (nodeValues[b] ?? 0) - (nodeValues[a] ?? 0) || a - b)
        .forEach((node, rank) => (rankInColumn[node] = rank));
    }
  }
  const fixed = theme.visualization.getColorByName(valueField.config.color?.fixedColor ?? 'blue');

  return graph.nodes.map((node, index) => {
    if (node.isOther) {
      return { text: node.name, color: neutralColor(theme) };
    }
    const mapped = columnMappings[node.column]?.(node.name);
    const text = mapped?.text ? mapped.text : node.name;
    if (mapped?.color && mapped.color !== unmappedColor) {
      return { text, color: mapped.color };
    }
    if (byValue) {
      return { text, color: byValue(nodeValues[index] ?? 0).color ?? fixed };
    }
    if (palette && palette.length > 0 && mode.useSeriesName) {
      return { text, color: colorByName(mode, valueField, node.name, theme) };
    }
    if (palette && palette.length > 0) {
      return {
        text,
        color: theme.visualization.getColorByName(palette[rankInColumn[index]! % palette.length] ?? 'blue'),
      };
    }
    return { text, color: fixed };
  });
}
