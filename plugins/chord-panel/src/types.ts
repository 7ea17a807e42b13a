/**
 * Panel options as saved in the dashboard JSON. Field options hold display names as the field pickers
 * store them; an empty or missing name means "use the default" described in options.ts.
 */
export interface ChordOptions {
  sourceField?: string;
  targetField?: string;
  valueField?: string;
  colorField?: string;
  detailFields?: string[];

  ribbons: RibbonMode;
  arrowHeads: boolean;
  arcSize: ArcSize;
  groupSort: GroupSort;
  topGroups: number;
  minValue: number;
  selfFlows: boolean;
  showLabels: boolean;

  colorBy: ColorBy;
  colorPick: ColorPick;
  ribbonOpacity: number;
  showLegend: boolean;
}

/** Directed: one ribbon per source → target with an arrow; undirected: one ribbon per pair of groups. */
export type RibbonMode = 'directed' | 'undirected';

/** What an arc's length stands for: traffic leaving the group, entering it, or both. */
export type ArcSize = 'both' | 'outgoing' | 'incoming';

/** Order of arcs around the circle, clockwise from 12 o'clock; "Other" always comes last. */
export type GroupSort = 'name' | 'value' | 'data';

/** Ribbon colour: the source group's palette colour, the colour field's colour, or the value's colour. */
export type ColorBy = 'group' | 'field' | 'value';

/**
 * How a ribbon whose rows have different colour-field values (one pair, some rows allowed and some
 * dropped) is coloured: split into bands, one per value, as wide as its share of the traffic; or whole,
 * in the highest value's colour (rule action: reject 3 > drop 2 > allow 1), the lowest, or the one
 * carrying most of the traffic.
 */
export type ColorPick = 'split' | 'highest' | 'lowest' | 'dominant';
