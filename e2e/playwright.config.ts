/**
 * Playwright for the built plugins in Debian's Chromium: `npx playwright test -c e2e/playwright.config.ts`
 * from the repository root. The `panelHost` fixture (fixtures.ts) starts the host's own server, so no
 * webServer is configured. Global setup asks our backend once for every dashboard panel's frames
 * (backend/globalSetup.ts). Each spec runs on two hosts, see `projects`. Specs against a real Grafana have their own config: playwright.grafana.config.ts.
 */
import { defineConfig } from '@playwright/test';
import type { PanelHostFixtures } from './fixtures.ts';
import { chromiumArgs, chromiumExecutablePath, hostPageContext } from './host/chromium.ts';
import { oldestGrafanaVersion } from './host/hostGrafana.ts';

export default defineConfig<PanelHostFixtures>({
  testDir: './specs',
  // Specs against a real Grafana (GRAFANA_URL) live in specs/grafana and are not part of this run.
  testIgnore: 'grafana/**',
  globalSetup: './backend/globalSetup.ts',
  // At the repository root, where git, ESLint and Prettier already ignore test-results/.
  outputDir: '../test-results/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  use: {
    ...hostPageContext,
    headless: true,
    launchOptions: { executablePath: chromiumExecutablePath, args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Every spec twice: on the @grafana packages we build against, and on those of the oldest Grafana the
  // panels declare (plugin.json grafanaDependency), so a panel that needs a newer Grafana fails here.
  projects: [
    { name: 'grafana-current', use: { panelHostGrafana: 'current' } },
    { name: `grafana-${oldestGrafanaVersion}`, use: { panelHostGrafana: 'oldest' } },
  ],
});
