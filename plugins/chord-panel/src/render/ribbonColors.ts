import { type Field, getDisplayProcessor, type GrafanaTheme2 } from '@grafana/data';
import { type ChordModel } from '../data/chordModel';
import { pickColorRow } from '../data/colorPick';
import { type FlowRow } from '../data/flowPairs';
import { type ChordAngleLayout } from '../layout/chordLayout';
import { type RibbonAngles } from '../layout/ribbonAngles';
import { type ColorBy, type ColorPick } from '../types';
import { type ColorFieldValue, colorFieldPainter } from './fieldDisplay';
import { groupColors, neutralColor } from './groupColors';

export interface LegendEntry {
  text: string;
  color: string;
}

export interface ChordColors {
  /** Indexed like the layout's groups and arcs. */
  arcs: string[];
  /** Indexed like the layout's ribbons (by ribbon id). */
  ribbons: string[];
  /** The colour-field values on screen, when colouring by field. */
  legend: LegendEntry[];
}

export function ribbonRows(ribbon: RibbonAngles, model: ChordModel): FlowRow[] {
  return ribbon.pairs.flatMap((pair) => model.pairs[pair]?.rows ?? []);
}

/** A copy of the value field whose colour scale spans the ribbons' sums, not the single rows' values. */
function ribbonValueScale(field: Field, layout: ChordAngleLayout, theme: GrafanaTheme2) {
  let min = Infinity;
  let max = -Infinity;
  for (const ribbon of layout.ribbons) {
    min = Math.min(min, ribbon.value);
    max = Math.max(max, ribbon.value);
  }
  const config = { ...field.config, min: field.config.min ?? min, max: field.config.max ?? max };
  return getDisplayProcessor({ field: { ...field, config, state: { ...field.state, range: undefined } }, theme });
}

function fieldColors(
  layout: ChordAngleLayout,
  model: ChordModel,
  pick: ColorPick,
  theme: GrafanaTheme2
): Pick<ChordColors, 'ribbons' | 'legend'> {
  const painters = model.frames.map((fields) => (fields.color ? colorFieldPainter(fields.color, theme) : undefined));
  const legend = new Map<string, LegendEntry & { order: unknown }>();
  const ribbons = layout.ribbons.map((ribbon) => {
    const row = pickColorRow(ribbonRows(ribbon, model), model.frames, pick);
    const painter = row && painters[row.frame];
    const cell = row && model.frames[row.frame]!.color!.values[row.row];
    const shown: ColorFieldValue = painter ? painter(cell) : { text: 'No value', color: neutralColor(theme) };
    const key = `${shown.text}\u0000${shown.color}`;
    if (!legend.has(key)) {
      legend.set(key, { ...shown, order: painter ? cell : undefined });
    }
    return shown.color;
  });
  // Legend in value order (None, Allow, Drop, Reject); "No value" last.
  const entries = [...legend.values()].sort((a, b) => {
    if (a.order === undefined || b.order === undefined) {
      return a.order === undefined ? 1 : -1;
    }
    if (typeof a.order === 'number' && typeof b.order === 'number') {
      return a.order - b.order;
    }
    return String(a.order).localeCompare(String(b.order));
  });
  return { ribbons, legend: entries.map(({ text, color }) => ({ text, color })) };
}

/**
 * Why a ribbon has its colour. By group: the palette colour of the group it leaves (of its wider end
 * when undirected), arcs likewise. By field or value: ribbons carry the meaning, so arcs stay neutral
 * and do not compete with it; without a colour field, ribbons fall back to group colours.
 */
export function chordColors(
  layout: ChordAngleLayout,
  model: ChordModel,
  colorBy: ColorBy,
  pick: ColorPick,
  theme: GrafanaTheme2
): ChordColors {
  const byGroup = groupColors(layout.groups, theme);
  const groupRibbons = () => layout.ribbons.map((ribbon) => byGroup[ribbon.source.group] ?? neutralColor(theme));
  const neutralArcs = () => layout.arcs.map(() => neutralColor(theme));
  const valueField = model.frames[0]?.value;

  if (colorBy === 'field' && model.frames.some((fields) => fields.color)) {
    return { arcs: neutralArcs(), ...fieldColors(layout, model, pick, theme) };
  }
  if (colorBy === 'value' && valueField) {
    const scale = ribbonValueScale(valueField, layout, theme);
    return {
      arcs: neutralArcs(),
      ribbons: layout.ribbons.map((ribbon) => scale(ribbon.value).color ?? neutralColor(theme)),
      legend: [],
    };
  }
  return { arcs: byGroup, ribbons: groupRibbons(), legend: [] };
}
