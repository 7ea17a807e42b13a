/** Below this many px (width or height) a chord is unreadable, so the panel says so instead. */
export const minimumChordSize = 120;

/** Labels narrower than this show a letter or two: hide them and give the room to the circle. */
const minimumLabelWidth = 24;
/** Labels give way when keeping them would shrink the circle below this radius. */
const minimumLabelledRadius = 40;
const edgeMargin = 4;
const labelGap = 6;

export interface CircleFit {
  centerX: number;
  centerY: number;
  /** Ribbons end here; arcs run from here to outerRadius. */
  innerRadius: number;
  outerRadius: number;
  /** Where label text starts, just outside the arcs. */
  labelRadius: number;
  /** Longest label in px that fits between the arcs and the panel edge; 0 when labels are hidden. */
  labelWidth: number;
}

export type CircleFitResult = { ok: true; fit: CircleFit } | { ok: false; message: string };

/** The largest label room the circle gives up: a fifth of the panel's shorter side. */
export const labelRoomLimit = (width: number, height: number) => Math.min(width, height) * 0.2;

/**
 * Centres the circle and sizes it to the panel, leaving room for labels as long as the longest wanted
 * label but never more than a fifth of the shorter side, so long pod names shorten rather than shrink
 * the chord to a dot.
 */
export function fitCircle(width: number, height: number, wantedLabelWidth: number): CircleFitResult {
  const size = Math.min(width, height);
  if (!(size >= minimumChordSize)) {
    return {
      ok: false,
      message: `The chord needs at least ${minimumChordSize} × ${minimumChordSize} px; this panel has ${Math.max(0, Math.floor(width))} × ${Math.max(0, Math.floor(height))} px. Make the panel larger.`,
    };
  }
  let labelWidth = Math.min(Math.max(0, wantedLabelWidth), labelRoomLimit(width, height));
  if (labelWidth < minimumLabelWidth || size / 2 - edgeMargin - labelGap - labelWidth < minimumLabelledRadius) {
    labelWidth = 0;
  }
  const outerRadius = size / 2 - edgeMargin - (labelWidth > 0 ? labelGap + labelWidth : 0);
  const thickness = Math.min(14, Math.max(6, size * 0.025));
  return {
    ok: true,
    fit: {
      centerX: width / 2,
      centerY: height / 2,
      innerRadius: outerRadius - thickness,
      outerRadius,
      labelRadius: outerRadius + labelGap,
      labelWidth,
    },
  };
}
