import { type Field, getDisplayProcessor, type GrafanaTheme2 } from '@grafana/data';
import { type ChordModel } from '../data/chordModel';
import { colorShares, pickColorRow } from '../data/colorPick';
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

/** One band of a split ribbon: its share of the ribbon's traffic and its color. */
export interface BandColor {
  share: number;
  color: string;
}

export interface ChordColors {
  /** Indexed like the layout's groups and arcs. */
  arcs: string[];
  /** Indexed like the layout's ribbons (by ribbon id); for split ribbons the color of the largest band. */
  ribbons: string[];
  /** By ribbon id: the bands of ribbons split by color-field value; undefined for one-color ribbons. */
  bands: Array<BandColor[] | undefined>;
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
): Pick<ChordColors, 'ribbons' | 'bands' | 'legend'> {
  const painters = model.frames.map((fields) => (fields.color ? colorFieldPainter(fields.color, theme) : undefined));
  const noValue: ColorFieldValue = { text: 'No value', color: neutralColor(theme) };
  const paint = (row: FlowRow | undefined): ColorFieldValue => {
    const painter = row && painters[row.frame];
    const cell = row && model.frames[row.frame]!.color?.values[row.row];
    return painter && cell !== null && cell !== undefined && cell !== '' ? painter(cell) : noValue;
  };
  // Legend entries in value order (None, Allow, Drop, Reject), "No value" last, each text and color once.
  const legend: Array<LegendEntry & { order: unknown }> = [];
  const note = (shown: ColorFieldValue, order: unknown) => {
    if (!legend.some((entry) => entry.text === shown.text && entry.color === shown.color)) {
      legend.push({ ...shown, order });
    }
  };
  const bands: ChordColors['bands'] = [];
  const ribbons = layout.ribbons.map((ribbon, id) => {
    const rows = ribbonRows(ribbon, model);
    if (pick === 'split') {
      const shares = colorShares(rows, model.frames).map((share) => {
        const shown = share.cell === undefined ? noValue : paint(share.row);
        note(shown, share.cell);
        return { share: share.value, color: shown.color };
      });
      if (shares.length > 1) {
        bands[id] = shares;
      }
      return shares.reduce((largest, band) => (band.share > largest.share ? band : largest)).color;
    }
    const row = pickColorRow(rows, model.frames, pick);
    const shown = paint(row);
    note(shown, row ? model.frames[row.frame]!.color?.values[row.row] : undefined);
    return shown.color;
  });
  legend.sort((a, b) => {
    if (a.order === undefined || b.order === undefined) {
      return Number(a.order === undefined) - Number(b.order === undefined);
    }
    if (typeof a.order === 'number' && typeof b.order === 'number') {
      return a.order - b.order;
    }
    return String(a.order).localeCompare(String(b.order));
  });
  return { ribbons, bands, legend: legend.map(({ text, color }) => ({ text, color })) };
}

/**
 * Why a ribbon has its colour. By group: the palette colour of the group it leaves (of its wider end
 * when undirected), arcs likewise. By field: the colour of its colour-field value, split into bands
 * when its rows disagree (or one value picked); by value: its total on the field's colour scale. In
 * both, ribbons carry the meaning, so arcs stay neutral; without a colour field, group colours.
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
      bands: [],
      legend: [],
    };
  }
  return { arcs: byGroup, ribbons: groupRibbons(), bands: [], legend: [] };
}
