/**
 * What Grafana's app wraps around every dashboard: its global CSS (fonts, body colours, element defaults)
 * for the theme of the latest render, and the portal container where @grafana/ui puts tooltips and menus.
 */
import { type GrafanaTheme2, ThemeContext } from '@grafana/data';
import { GlobalStyles, PortalContainer } from '@grafana/ui';

export function PageChrome({ theme }: { theme: GrafanaTheme2 }) {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <PortalContainer />
    </ThemeContext.Provider>
  );
}
