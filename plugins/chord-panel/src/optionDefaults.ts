import {
  type ArcSize,
  type ChordOptions,
  type ColorBy,
  type ColorPick,
  type GroupSort,
  type RibbonMode,
} from './types';

export const defaultChordOptions: ChordOptions = {
  detailFields: [],
  ribbons: 'directed',
  arrowHeads: true,
  arcSize: 'both',
  groupSort: 'name',
  topGroups: 20,
  minValue: 0,
  selfFlows: true,
  showLabels: true,
  colorBy: 'group',
  colorPick: 'split',
  ribbonOpacity: 0.7,
  showLegend: true,
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function finite(value: unknown, fallback: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : fallback;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Options as saved may come from an older version, hand-edited JSON or provisioning: every option is
 * checked and falls back to its default, so no saved value can break the panel.
 */
export function withDefaults(saved: Partial<ChordOptions> | undefined): ChordOptions {
  const options: Partial<Record<keyof ChordOptions, unknown>> = saved ?? {};
  const d = defaultChordOptions;
  return {
    sourceField: text(options.sourceField),
    targetField: text(options.targetField),
    valueField: text(options.valueField),
    colorField: text(options.colorField),
    detailFields: Array.isArray(options.detailFields)
      ? options.detailFields.filter((name): name is string => typeof name === 'string' && name !== '')
      : [],
    ribbons: oneOf<RibbonMode>(options.ribbons, ['directed', 'undirected'], d.ribbons),
    arrowHeads: typeof options.arrowHeads === 'boolean' ? options.arrowHeads : d.arrowHeads,
    arcSize: oneOf<ArcSize>(options.arcSize, ['both', 'outgoing', 'incoming'], d.arcSize),
    groupSort: oneOf<GroupSort>(options.groupSort, ['name', 'value', 'data'], d.groupSort),
    topGroups: Math.max(0, Math.floor(finite(options.topGroups, d.topGroups))),
    minValue: Math.max(0, finite(options.minValue, d.minValue)),
    selfFlows: typeof options.selfFlows === 'boolean' ? options.selfFlows : d.selfFlows,
    showLabels: typeof options.showLabels === 'boolean' ? options.showLabels : d.showLabels,
    colorBy: oneOf<ColorBy>(options.colorBy, ['group', 'field', 'value'], d.colorBy),
    colorPick: oneOf<ColorPick>(options.colorPick, ['split', 'highest', 'lowest', 'dominant'], d.colorPick),
    ribbonOpacity: Math.min(1, Math.max(0.05, finite(options.ribbonOpacity, d.ribbonOpacity))),
    showLegend: typeof options.showLegend === 'boolean' ? options.showLegend : d.showLegend,
  };
}
