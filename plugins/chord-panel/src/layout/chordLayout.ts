import { type ChordGroup, type ChordPair } from '../data/otherGroup';
import { type ArcSize, type GroupSort, type RibbonMode } from '../types';
import { type ArcLabel, arcHoldsLabel, arcLabel, fullLabelWidth } from './arcLabels';
import { buildChordMatrix } from './chordMatrix';
import { fitCircle, labelRoomLimit } from './circleFit';
import { orderGroups } from './groupOrder';
import { type AngleSpan, type RibbonAngles, padAngleFor, ribbonAngles } from './ribbonAngles';
import { estimateTextWidth, type MeasureText } from './textWidth';

export interface AngleOptions {
  ribbons: RibbonMode;
  arcSize: ArcSize;
  groupSort: GroupSort;
}

/** The size-independent part of the layout: arcs in order, and ribbons in drawing order. */
export interface ChordAngleLayout {
  groups: ChordGroup[];
  arcs: AngleSpan[];
  /** Largest first, so small ribbons end up on top where the pointer can reach them; the index is the ribbon's id. */
  ribbons: RibbonAngles[];
}

export interface ArcLayout extends AngleSpan {
  index: number;
  group: ChordGroup;
  label?: ArcLabel;
}

export interface RibbonLayout extends RibbonAngles {
  /** Stable id of the ribbon within one layout (its index in `ribbons`). */
  id: number;
  arrow: boolean;
}

export interface ChordLayout {
  kind: 'chord';
  width: number;
  height: number;
  centerX: number;
  centerY: number;
  innerRadius: number;
  outerRadius: number;
  labelRadius: number;
  /** Ribbons stop a pixel short of the arcs so arcs stay crisp. */
  ribbonRadius: number;
  headRadius: number;
  arcs: ArcLayout[];
  /** In drawing order, as in ChordAngleLayout. */
  ribbons: RibbonLayout[];
}

export type ChordLayoutResult = ChordLayout | { kind: 'tooSmall'; message: string };

export function layoutAngles(
  model: { groups: ChordGroup[]; pairs: ChordPair[] },
  options: AngleOptions
): ChordAngleLayout {
  const groups = orderGroups(model.groups, options.groupSort);
  const matrix = buildChordMatrix(groups, model.pairs);
  const { arcs, ribbons } = ribbonAngles(matrix, options.ribbons, options.arcSize, padAngleFor(groups.length));
  return { groups, arcs, ribbons: ribbons.sort((a, b) => b.value - a.value) };
}

export interface PlaceOptions {
  showLabels: boolean;
  arrowHeads: boolean;
}

/** Half the angular width of a ribbon tip: 1.5 px either side, so the arrow that lands there is visible. */
const tipHalfWidth = (radius: number) => 1.5 / Math.max(1, radius);

function widenTip<T extends RibbonAngles['source']>(end: T, radius: number): T {
  if (!end.tip) {
    return end;
  }
  const half = tipHalfWidth(radius);
  return { ...end, startAngle: end.startAngle - half, endAngle: end.endAngle + half };
}

/**
 * Fits the chord to the panel: radius from the panel's shorter side minus room for labels, labels for
 * arcs long enough to hold them, arrow head size from the radius.
 */
export function placeChord(
  angles: ChordAngleLayout,
  options: PlaceOptions,
  size: { width: number; height: number },
  measure: MeasureText = estimateTextWidth
): ChordLayoutResult {
  const { width, height } = size;
  let wanted = 0;
  if (options.showLabels) {
    // Which arcs can hold a label is known only once the radius is; start from the smallest radius
    // (the most label room), which can only show fewer labels than the final, larger one.
    const smallest = fitCircle(width, height, labelRoomLimit(width, height));
    if (smallest.ok) {
      angles.arcs.forEach((span, index) => {
        if (arcHoldsLabel(span, smallest.fit.labelRadius)) {
          wanted = Math.max(wanted, fullLabelWidth(angles.groups[index]!, measure));
        }
      });
    }
  }
  const fitted = fitCircle(width, height, wanted);
  if (!fitted.ok) {
    return { kind: 'tooSmall', message: fitted.message };
  }
  const fit = fitted.fit;
  const ribbonRadius = Math.max(1, fit.innerRadius - 1);
  const arcs: ArcLayout[] = angles.arcs.map((span, index) => {
    const group = angles.groups[index]!;
    const label = arcLabel(group, span, fit.labelRadius, fit.labelWidth, measure);
    return { index, group, startAngle: span.startAngle, endAngle: span.endAngle, ...(label ? { label } : {}) };
  });
  const ribbons = angles.ribbons.map((ribbon, id) => ({
    ...ribbon,
    source: widenTip(ribbon.source, ribbonRadius),
    target: widenTip(ribbon.target, ribbonRadius),
    id,
    arrow: options.arrowHeads && ribbon.directed,
  }));
  return {
    kind: 'chord',
    width,
    height,
    centerX: fit.centerX,
    centerY: fit.centerY,
    innerRadius: fit.innerRadius,
    outerRadius: fit.outerRadius,
    labelRadius: fit.labelRadius,
    ribbonRadius,
    headRadius: Math.min(10, Math.max(3, fit.innerRadius * 0.04)),
    arcs,
    ribbons,
  };
}
