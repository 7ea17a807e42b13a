/**
 * Grafana's named colours ("green", "red", "dark-red") as a theme resolves them, read from the
 * @grafana/data the host page shares with the plugins, so specs compare against Grafana's own palette.
 */
import type { Page } from '@playwright/test';

interface ThemeModule {
  createTheme(options: { colors: { mode: 'light' | 'dark' } }): {
    visualization: { getColorByName(name: string): string };
  };
}

export async function themeColor(page: Page, mode: 'light' | 'dark', name: string): Promise<string> {
  return page.evaluate(
    ({ mode, name }) =>
      (window.flowlensHost.sharedModule('@grafana/data') as ThemeModule)
        .createTheme({ colors: { mode } })
        .visualization.getColorByName(name),
    { mode, name }
  );
}

interface ThemeTextModule {
  createTheme(options: { colors: { mode: 'light' | 'dark' } }): {
    colors: { text: { primary: string }; background: { primary: string } };
  };
}

/**
 * A theme's primary text and panel background colours, as the browser computes them (rgb/rgba), so
 * they compare with `getComputedStyle` of what a panel drew.
 */
export async function themeTextColors(
  page: Page,
  mode: 'light' | 'dark'
): Promise<{ text: string; background: string }> {
  return page.evaluate((mode) => {
    const theme = (window.flowlensHost.sharedModule('@grafana/data') as ThemeTextModule).createTheme({
      colors: { mode },
    });
    const computed = (color: string) => {
      const probe = document.createElement('span');
      probe.style.color = color;
      document.body.appendChild(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    };
    return { text: computed(theme.colors.text.primary), background: computed(theme.colors.background.primary) };
  }, mode);
}
