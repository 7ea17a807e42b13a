import { type GrafanaTheme2 } from '@grafana/data';

/** The theme's classic palette as CSS colours (light and dark themes resolve the same names differently). */
export function themePalette(theme: GrafanaTheme2): string[] {
  return theme.visualization.palette.map((name) => theme.visualization.getColorByName(name));
}

/** FNV-1a: a small, stable string hash, so a name keeps its colour across refreshes, sorts and panels. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
