/**
 * Each provisioned dashboard (dashboards/*.json) opens and every panel's queries come back without an
 * error: none of Grafana's panel error markers, and no per-query error in the datasource responses.
 * Panels below the fold render lazily, so the page is scrolled to the end to run every query.
 */
import { expect, test } from '@grafana/plugin-e2e';
import { type Page } from '@playwright/test';
import { provisionedDashboards } from './provisionedDashboards.ts';

interface QueryResponseBody {
  message?: string;
  results?: Record<string, { error?: string }>;
}

/** Starts recording the errors of every datasource query response; the returned function reads them. */
function recordQueryErrors(page: Page, queryPath: string): () => Promise<string[]> {
  const errors: Array<Promise<string[]>> = [];
  page.on('response', (response) => {
    if (!response.url().includes(queryPath)) {
      return;
    }
    const status = response.status();
    errors.push(
      response.json().then(
        (body: QueryResponseBody) => [
          ...Object.entries(body.results ?? {}).flatMap(([refId, result]) =>
            result.error ? [`${refId}: ${result.error}`] : []
          ),
          ...(response.ok() || body.results ? [] : [`HTTP ${status}: ${body.message ?? 'no message'}`]),
        ],
        // Once the page has moved on a body may be gone; then the status is all there is.
        () => (response.ok() ? [] : [`HTTP ${status}`])
      )
    );
  });
  return async () => (await Promise.all(errors)).flat();
}

for (const dashboard of provisionedDashboards) {
  test(`${dashboard.title} (dashboards/${dashboard.file}) loads without panel errors`, async ({
    gotoDashboardPage,
    page,
    selectors,
  }) => {
    const queryErrors = recordQueryErrors(page, selectors.apis.DataSource.query);
    const dashboardPage = await gotoDashboardPage({ uid: dashboard.uid });
    const firstPanel = dashboard.panels[0];
    if (firstPanel) {
      await expect(dashboardPage.getPanelByTitle(firstPanel.title).locator).toBeVisible();
    }
    await dashboardPage.waitForPanelsQueriesToComplete({ scrollAll: true });

    await expect(dashboardPage).not.toHavePanelErrors();
    expect(await queryErrors()).toEqual([]);
  });
}
