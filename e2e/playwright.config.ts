/**
 * Playwright for the built plugins in Debian's Chromium: `npx playwright test -c e2e/playwright.config.ts`
 * from the repository root. The `panelHost` fixture (fixtures.ts) starts the host's own server, so no
 * webServer is configured. Global setup asks our backend once for every dashboard panel's frames
 * (backend/globalSetup.ts). Specs against a real Grafana have their own config: playwright.grafana.config.ts.
 */
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath, hostPageContext } from './host/chromium.ts';

export default defineConfig({
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
  projects: [{ name: 'chromium' }],
});
