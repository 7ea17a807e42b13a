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
import { openPanelHost, type PanelHostPage } from './host/hostPage.ts';
import { type PanelHostServer, startPanelHostServer } from './host/server.ts';

export interface PanelHostFixtures {
  panelHost: PanelHostPage;
}

export interface PanelHostWorkerFixtures {
  /** React build for this worker's host; override with `test.use({ panelHostMode: 'development' })` in a file. */
  panelHostMode: ReactMode;
  panelHostServer: PanelHostServer;
}

export const test = base.extend<PanelHostFixtures, PanelHostWorkerFixtures>({
  panelHostMode: ['production', { scope: 'worker', option: true }],
  panelHostServer: [
    async ({ panelHostMode }, provide) => {
      const server = await startPanelHostServer({ mode: panelHostMode });
      await provide(server);
      await server.close();
    },
    // The first run builds the host bundle (seconds); later runs reuse it.
    { scope: 'worker', timeout: 120_000 },
  ],
  panelHost: async ({ page, panelHostServer }, provide) => {
    const host = await openPanelHost(page, panelHostServer.url);
    await provide(host);
    await host.assertNoProblems();
  },
});

export { expect } from '@playwright/test';
export { launchPanelHost, type LaunchedPanelHost } from './host/launch.ts';
export type { PanelHostPage } from './host/hostPage.ts';
export type { PageProblem } from './host/pageProblems.ts';
export type * from './host/panelSpec.ts';
