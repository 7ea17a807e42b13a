/**
 * Playwright against a running Grafana with our plugins, datasource and dashboards (`docker compose up`):
 * `GRAFANA_URL=http://localhost:3000 npm run e2e:grafana` from the repository root. Specs in specs/grafana
 * use @grafana/plugin-e2e; its auth setup project logs in once and the specs reuse that session.
 * Without GRAFANA_URL this config refuses to load, so a run never passes by running nothing.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { PluginOptions, User } from '@grafana/plugin-e2e';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from './host/chromium.ts';

const grafanaUrl = process.env.GRAFANA_URL;
if (!grafanaUrl) {
  throw new Error(
    'GRAFANA_URL is not set: these specs need a running Grafana with the FlowLens plugins. ' +
      'Start one with `docker compose up`, then run `GRAFANA_URL=http://localhost:3000 npm run e2e:grafana`.'
  );
}

// docker-compose.yml's admin (GRAFANA_ADMIN_USER / GRAFANA_ADMIN_PASSWORD, default admin/admin).
const admin: User = {
  user: process.env.GRAFANA_USER || process.env.GRAFANA_ADMIN_USER || 'admin',
  password: process.env.GRAFANA_PASSWORD || process.env.GRAFANA_ADMIN_PASSWORD || 'admin',
};

// plugin-e2e's login writes the session to playwright/.auth/<user>.json under the working directory.
const pluginE2eAuthDir = join(dirname(createRequire(import.meta.url).resolve('@grafana/plugin-e2e')), 'auth');
const adminSession = resolve(process.cwd(), 'playwright/.auth', `${admin.user}.json`);

export default defineConfig<PluginOptions>({
  testDir: './specs/grafana',
  outputDir: '../test-results/e2e-grafana',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: grafanaUrl,
    user: admin,
    grafanaAPICredentials: admin,
    // Grafana's provisioning root as compose mounts it (/etc/grafana/provisioning), for readProvisionedDataSource.
    provisioningRootDir: resolve(import.meta.dirname, '../provisioning/grafana'),
    headless: true,
    launchOptions: { executablePath: chromiumExecutablePath, args: chromiumArgs },
    viewport: { width: 1440, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'auth', testDir: pluginE2eAuthDir, testMatch: [/auth\.setup\.js$/] },
    { name: 'grafana', dependencies: ['auth'], use: { storageState: adminSession } },
  ],
});
