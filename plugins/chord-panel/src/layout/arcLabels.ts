import { type ChordGroup } from '../data/otherGroup';
import { fitText, splitGroupName } from './labelText';
import { type AngleSpan } from './ribbonAngles';
import { type MeasureText } from './textWidth';

/** Font sizes in px: the name, and the namespace above it in a smaller, muted line. */
export const labelFont = { name: 12, namespace: 10 } as const;
const lineHeight = { name: 13, namespace: 11 } as const;

export interface LabelLine {
  text: string;
  kind: 'namespace' | 'name';
  /** Vertical offset of the line's centre from the label's centre line, in px. */
  y: number;
}

/** A label written outward along the radius at the arc's middle; flipped on the left half to stay upright. */
export interface ArcLabel {
  angle: number;
  flipped: boolean;
  lines: LabelLine[];
}

function labelParts(group: ChordGroup): { namespace?: string; name: string } {
  return group.isOther ? { name: `Other (${group.members.length})` } : splitGroupName(group.name);
}

/** Width the group's label would take untruncated: its longer line. */
export function fullLabelWidth(group: ChordGroup, measure: MeasureText): number {
  const parts = labelParts(group);
  return Math.max(
    measure(parts.name, labelFont.name),
    parts.namespace ? measure(parts.namespace, labelFont.namespace) : 0
  );
}

/** Whether an arc is long enough, measured along the label circle, to hold one line of text. */
export function arcHoldsLabel(span: AngleSpan, labelRadius: number): boolean {
  return (span.endAngle - span.startAngle) * labelRadius >= labelFont.name;
}

/**
 * The label of one arc, or undefined for arcs too short for a line (their name is in the tooltip). The
 * namespace line is shown only when the arc has room for both lines.
 */
export function arcLabel(
  group: ChordGroup,
  span: AngleSpan,
  labelRadius: number,
  maxWidth: number,
  measure: MeasureText
): ArcLabel | undefined {
  if (maxWidth <= 0 || !arcHoldsLabel(span, labelRadius)) {
    return undefined;
  }
  const parts = labelParts(group);
  const name = fitText(parts.name, maxWidth, labelFont.name, measure, 'middle');
  if (name === undefined) {
    return undefined;
  }
  const room = (span.endAngle - span.startAngle) * labelRadius;
  const namespace =
    parts.namespace && room >= lineHeight.name + lineHeight.namespace
      ? fitText(parts.namespace, maxWidth, labelFont.namespace, measure, 'start')
      : undefined;
  const angle = (span.startAngle + span.endAngle) / 2;
  const flipped = angle > Math.PI;
  if (namespace === undefined) {
    return { angle, flipped, lines: [{ text: name, kind: 'name', y: 0 }] };
  }
  const top = -(lineHeight.name + lineHeight.namespace) / 2;
  return {
    angle,
    flipped,
    lines: [
      { text: namespace, kind: 'namespace', y: top + lineHeight.namespace / 2 },
      { text: name, kind: 'name', y: top + lineHeight.namespace + lineHeight.name / 2 },
    ],
  };
}
