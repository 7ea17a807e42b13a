/** Grafana's global CSS (fonts, body colours, element defaults) for the theme of the latest render. */
import { type GrafanaTheme2, ThemeContext } from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';

export function PageStyles({ theme }: { theme: GrafanaTheme2 }) {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
    </ThemeContext.Provider>
  );
}
