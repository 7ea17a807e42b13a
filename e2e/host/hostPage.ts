/**
 * A Playwright page showing the panel host, driven from Node: the same object for specs (through the
 * `panelHost` fixture) and for benchmarks (through launchPanelHost).
 */
import type { Locator, Page } from '@playwright/test';
import { describeProblems, type PageProblem, PageProblems } from './pageProblems.ts';
import type { HostEvent, PanelSpec, PluginSummary, RenderResult } from './panelSpec.ts';

export interface PanelHostPage {
  readonly page: Page;
  /** Renders (or re-renders) a panel; throws if the plugin cannot load or the panel throws, unless allowed. */
  render(spec: PanelSpec): Promise<RenderResult>;
  /** What the page recorded: navigations, panel callbacks and errors, oldest first. */
  events(): Promise<HostEvent[]>;
  clearEvents(): Promise<void>;
  unmount(slot?: string): Promise<void>;
  /** Loads a plugin's module.js without rendering, e.g. a datasource plugin. */
  loadPlugin(pluginId: string): Promise<PluginSummary>;
  /** The panel's box in a slot (default `main`): its content area is exactly width × height. */
  panel(slot?: string): Locator;
  /** Lets problems matching `pattern` pass (for tests that provoke them on purpose). */
  allowErrors(pattern: RegExp): void;
  /** Console errors, page errors, panel errors, crashes and navigations away so far, less allowed ones. */
  problems(): Promise<PageProblem[]>;
  /** Throws listing every unexpected problem; the fixture calls it after each test. */
  assertNoProblems(): Promise<void>;
  /** JS heap in use after a forced garbage collection, for memory-flat checks. */
  heapUsedBytes(): Promise<number>;
}

export async function openPanelHost(page: Page, hostUrl: string): Promise<PanelHostPage> {
  const problems = new PageProblems(page);
  await page.goto(hostUrl);
  await page.waitForFunction(() => 'flowlensHost' in window);

  // A mark on this document: locationService's pushState keeps it, leaving or reloading the page does not.
  const documentMark = await page.evaluate(() => {
    const mark = crypto.randomUUID();
    document.documentElement.dataset.hostDocument = mark;
    return mark;
  });

  const events = () => page.evaluate(() => window.flowlensHost.events());
  const unexpectedProblems = async () => {
    // After a navigation the page may hold no host, or be between documents; that is reported too.
    const state = page.isClosed()
      ? { hostEvents: [], sameDocument: true }
      : await page
          .evaluate(
            (mark) => ({
              hostEvents: window.flowlensHost?.events() ?? [],
              sameDocument: document.documentElement.dataset.hostDocument === mark,
            }),
            documentMark
          )
          .catch(() => ({ hostEvents: [], sameDocument: false }));
    return problems.unexpected({ ...state, url: page.url() });
  };

  return {
    page,
    async render(spec) {
      const result = await page.evaluate((panelSpec) => window.flowlensHost.render(panelSpec), spec);
      if (result.panelError && !problems.isAllowed(result.panelError)) {
        throw new Error(`Panel ${spec.pluginId} threw while rendering: ${result.panelError}`);
      }
      return result;
    },
    events,
    clearEvents: () => page.evaluate(() => window.flowlensHost.clearEvents()),
    unmount: (slot) => page.evaluate((name) => window.flowlensHost.unmount(name), slot),
    loadPlugin: (pluginId) => page.evaluate((id) => window.flowlensHost.loadPlugin(id), pluginId),
    panel: (slot = 'main') => page.locator(`[data-panel-slot="${slot}"]`),
    allowErrors: (pattern) => problems.allow(pattern),
    problems: unexpectedProblems,
    async assertNoProblems() {
      const found = await unexpectedProblems();
      if (found.length > 0) {
        throw new Error(`The panel host page had ${found.length} problem(s):\n${describeProblems(found)}`);
      }
    },
    async heapUsedBytes() {
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        return usedSize;
      } finally {
        await cdp.detach();
      }
    },
  };
}
