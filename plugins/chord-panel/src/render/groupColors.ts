import { type GrafanaTheme2 } from '@grafana/data';
import { type ChordGroup } from '../data/otherGroup';
import { hashText, themePalette } from './palette';

/** How many palette colors a handful of groups picks from: the bright, clearly different ones. */
const minimumPaletteSize = 12;

/** The colour for arcs and ribbons that do not name a group: "Other", and anything without a colour value. */
export const neutralColor = (theme: GrafanaTheme2) => theme.colors.text.secondary;

/**
 * One palette colour per group, chosen from the group's name rather than its position so colours stay
 * put when the data or the sort changes; a taken colour moves to the next free one, so groups differ in
 * colour as long as the palette lasts. Indexed like `groups`.
 */
export function groupColors(groups: ChordGroup[], theme: GrafanaTheme2): string[] {
  // The classic palette opens with its most distinct colors; reach further only when there are more groups.
  const palette = themePalette(theme).slice(0, Math.max(minimumPaletteSize, groups.length));
  const colors = new Array<string>(groups.length).fill(neutralColor(theme));
  if (palette.length === 0) {
    return colors;
  }
  const byName = groups
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => !group.isOther)
    .sort((a, b) => (a.group.name < b.group.name ? -1 : a.group.name > b.group.name ? 1 : 0));
  let taken = new Set<number>();
  for (const { group, index } of byName) {
    if (taken.size === palette.length) {
      taken = new Set();
    }
    let slot = hashText(group.name) % palette.length;
    while (taken.has(slot)) {
      slot = (slot + 1) % palette.length;
    }
    taken.add(slot);
    colors[index] = palette[slot]!;
  }
  return colors;
}
