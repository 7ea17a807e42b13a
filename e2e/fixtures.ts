/**
 * Playwright's `test` with a `panelHost` fixture: a fresh host page per test, on a server started once
 * per worker. A test fails on any console error, page error or panel error it did not allow.
 *
 *   import { expect, test } from '../fixtures.ts';
 *   test('renders', async ({ panelHost }) => {
 *     await panelHost.render({ pluginId: 'flowlens-sankey-panel', frames: [...] });
 *     await expect(panelHost.panel()).toContainText('web-1');
 *   });
 */
import { test as base } from '@playwright/test';
import type { ReactMode } from './host/buildHostBundle.ts';
import type { HostGrafana } from './host/hostGrafana.ts';
import { openPanelHost, type PanelHostPage } from './host/hostPage.ts';
import { type PanelHostServer, startPanelHostServer } from './host/server.ts';

export interface PanelHostFixtures {
  panelHost: PanelHostPage;
  /** React build for the host page; `test.use({ panelHostMode: 'development' })` adds React's warnings. */
  panelHostMode: ReactMode;
  /** The @grafana packages of the host page; the config's projects run the specs with each (hostGrafana.ts). */
  panelHostGrafana: HostGrafana;
}

export interface PanelHostWorkerFixtures {
  /** This worker's host servers, started on first use, one per React build and Grafana. */
  panelHostServers: { serverFor(mode: ReactMode, grafana: HostGrafana): Promise<PanelHostServer> };
}

export const test = base.extend<PanelHostFixtures, PanelHostWorkerFixtures>({
  panelHostMode: ['production', { option: true }],
  panelHostGrafana: ['current', { option: true }],
  panelHostServers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring even without dependencies
    async ({}, provide) => {
      const servers = new Map<string, Promise<PanelHostServer>>();
      await provide({
        serverFor(mode, grafana) {
          let server = servers.get(`${mode} ${grafana}`);
          if (!server) {
            server = startPanelHostServer({ mode, grafana });
            servers.set(`${mode} ${grafana}`, server);
          }
          return server;
        },
      });
      await Promise.all([...servers.values()].map(async (server) => (await server).close()));
    },
    { scope: 'worker' },
  ],
  panelHost: [
    async ({ page, panelHostMode, panelHostGrafana, panelHostServers }, provide) => {
      const server = await panelHostServers.serverFor(panelHostMode, panelHostGrafana);
      const host = await openPanelHost(page, server.url);
      await provide(host);
      await host.assertNoProblems();
    },
    // The first use of a React build may build the host bundle (seconds); later runs reuse it.
    { timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
export { launchPanelHost, type LaunchedPanelHost } from './host/launch.ts';
export type { PanelHostPage } from './host/hostPage.ts';
export type { PageProblem } from './host/pageProblems.ts';
export type { HostGrafana } from './host/hostGrafana.ts';
export type * from './host/panelSpec.ts';
