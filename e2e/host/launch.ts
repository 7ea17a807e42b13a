/**
 * The panel host outside Playwright's test runner, for benchmarks and scripts: starts the server,
 * launches Debian's Chromium with the project's flags and opens the host page.
 */
import { type Browser, type BrowserContextOptions, chromium } from '@playwright/test';
import type { ReactMode } from './buildHostBundle.ts';
import { chromiumArgs, chromiumExecutablePath, hostPageContext } from './chromium.ts';
import type { HostGrafana } from './hostGrafana.ts';
import { openPanelHost, type PanelHostPage } from './hostPage.ts';
import { startPanelHostServer } from './server.ts';

export interface LaunchedPanelHost extends PanelHostPage {
  readonly browser: Browser;
  /** The host page's URL. */
  readonly url: string;
  /** Closes the browser and stops the server. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** React build to run; `production` (default) is what Grafana ships and what timings should use. */
  mode?: ReactMode;
  /** The @grafana packages of the host page; `current` (default) or those of the oldest supported Grafana. */
  grafana?: HostGrafana;
  /** Over the project's defaults (1280×800, scale 1, UTC, en-US), e.g. `{ deviceScaleFactor: 2 }` for crisp images. */
  context?: BrowserContextOptions;
}

export async function launchPanelHost(options: LaunchOptions = {}): Promise<LaunchedPanelHost> {
  const server = await startPanelHostServer({ mode: options.mode, grafana: options.grafana });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutablePath, args: chromiumArgs });
    const context = await browser.newContext({ ...hostPageContext, ...options.context });
    const host = await openPanelHost(await context.newPage(), server.url);
    const launchedBrowser = browser;
    return {
      ...host,
      browser: launchedBrowser,
      url: server.url,
      async close() {
        await launchedBrowser.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
