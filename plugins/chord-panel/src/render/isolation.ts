import { type ChordLayout, type RibbonLayout } from '../layout/chordLayout';

/** The ribbons a group sends or receives: what isolating the group keeps in view. */
export function ribbonsOfGroup(layout: ChordLayout, group: number): RibbonLayout[] {
  return layout.ribbons.filter((ribbon) => ribbon.source.group === group || ribbon.target.group === group);
}

/** The group and every group it exchanges traffic with: their arcs stay bright while it is isolated. */
export function connectedGroups(layout: ChordLayout, group: number): Set<number> {
  const connected = new Set([group]);
  for (const ribbon of ribbonsOfGroup(layout, group)) {
    connected.add(ribbon.source.group);
    connected.add(ribbon.target.group);
  }
  return connected;
}
