import { defineConfig } from 'vitest/config';
import { grafanaPackageAliases, oldestGrafanaVersion } from './e2e/host/hostGrafana.ts';

// One runner for every workspace: Node tests (backend, tools, integration against real servers) and
// DOM tests (panels and editors in jsdom). Browser tests run in Playwright, not here.
export default defineConfig({
  test: {
    // Integration tests start real servers and browsers; two cores, so keep parallelism modest.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/test/**/*.test.ts',
            'tools/*/test/**/*.test.ts',
            'plugins/*/backend/test/**/*.test.ts',
            'provisioning/**/*.test.ts',
            'dashboards/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['plugins/*/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./vitest.dom-setup.ts'],
          // @grafana/data and @grafana/ui import CommonJS packages by named export and plain .css files;
          // running them through Vite's transform (not Node's loader) lets them load as in the bundler.
          server: { deps: { inline: [/@grafana\//] } },
          testTimeout: 60_000,
        },
      },
      {
        // The datasource's DOM tests again on the @grafana packages of the oldest Grafana it declares
        // (the panels' specs do that in the e2e host): its editors' pickers behave the same there.
        resolve: {
          alias: Object.entries(grafanaPackageAliases('oldest')).map(([name, alias]) => ({
            find: new RegExp(`^${name}$`),
            replacement: alias,
          })),
        },
        test: {
          name: `dom-grafana-${oldestGrafanaVersion}`,
          environment: 'jsdom',
          include: ['plugins/flows-datasource/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./vitest.dom-setup.ts'],
          server: { deps: { inline: [/@grafana\//] } },
          testTimeout: 60_000,
        },
      },
    ],
  },
});
