/**
 * The dashboards' Sankey and chord panels when the query answer is not what they expect: each case
 * starts from the backend's real answer for the dashboard (flowgen's hour) and breaks one thing. The
 * panel must say what is wrong in its own box; the fixture fails a test on any console error, page
 * error or caught panel error.
 */
import { type BackendPanel, dashboardPanel, dashboardPanelSpec } from '../backend/backendPanels.ts';
import { expect, type PanelHostPage, test } from '../fixtures.ts';
import type { QueryResponseJSON } from '../host/panelSpec.ts';
import { failedQuery, fieldAsText, withoutField, withoutRows, withValues } from '../support/brokenResponses.ts';

interface PanelCase {
  name: string;
  dashboard: string;
  /** A name column the panel draws and the value column it sums, as the dashboard's options pick them. */
  nameField: string;
  valueField: string;
  /** Accessible name of the drawn chart. */
  chart: RegExp;
  /** The panel's message when a picked field is missing. */
  missingField: (field: string) => RegExp;
  wrongType: (field: string) => RegExp;
}

const panels: PanelCase[] = [
  {
    name: 'Sankey',
    dashboard: 'pod-to-pod',
    nameField: 'sourcePod',
    valueField: 'bytes',
    chart: /^Sankey of /,
    // Without its only number column the Sankey names the need, and the columns the query did return.
    missingField: (field) =>
      field === 'bytes'
        ? /sizes links by a number field \(such as bytes or throughput\), and the query returned none\. It returned A: /
        : new RegExp(`field "${field}" is not in the query result`),
    wrongType: () => /sizes links by a number field .* It returned A: .*Bytes \(string\)/,
  },
  {
    name: 'chord',
    dashboard: 'network-policy',
    nameField: 'sourcePod',
    valueField: 'bytes',
    chart: /^Chord diagram: /,
    missingField: (field) => new RegExp(`field "${field}" is not in query A; it has: `),
    wrongType: (field) =>
      new RegExp(`Value field "${field}" in query A holds string values; the chord sizes ribbons by a number field`),
  },
];

async function renderResponse(host: PanelHostPage, panel: BackendPanel, queryResponse: QueryResponseJSON) {
  const result = await host.render(dashboardPanelSpec(panel, { queryResponse }));
  expect(result.panelError, 'nothing throws out of the panel').toBeUndefined();
  await expect(host.panel().getByText(/could not draw this data|could not render this data/)).toHaveCount(0);
}

for (const panelCase of panels) {
  test.describe(`${panelCase.dashboard} dashboard: ${panelCase.name} with a broken answer`, () => {
    const panel = () => dashboardPanel(panelCase.dashboard);
    const chart = (host: PanelHostPage) => host.panel().getByRole('group', { name: panelCase.chart });

    test('a missing name column is named in the message, with the columns the query did return', async ({
      panelHost,
    }) => {
      await renderResponse(panelHost, panel(), withoutField(panel(), panelCase.nameField));
      await expect(panelHost.panel()).toContainText(panelCase.missingField(panelCase.nameField));
      await expect(chart(panelHost)).toHaveCount(0);
    });

    test('a missing value column is named in the message', async ({ panelHost }) => {
      await renderResponse(panelHost, panel(), withoutField(panel(), panelCase.valueField));
      await expect(panelHost.panel()).toContainText(panelCase.missingField(panelCase.valueField));
    });

    test('a value column of text says it needs numbers', async ({ panelHost }) => {
      await renderResponse(panelHost, panel(), fieldAsText(panel(), panelCase.valueField));
      await expect(panelHost.panel()).toContainText(panelCase.wrongType(panelCase.valueField));
      await expect(chart(panelHost)).toHaveCount(0);
    });

    test('no rows shows "No data"', async ({ panelHost }) => {
      await renderResponse(panelHost, panel(), withoutRows(panel()));
      await expect(panelHost.panel()).toContainText('No data');
      await expect(chart(panelHost)).toHaveCount(0);
    });

    test('a failed query (ClickHouse down) leaves an empty panel, not a crash', async ({ panelHost }) => {
      await renderResponse(
        panelHost,
        panel(),
        failedQuery(panel(), 'ClickHouse at http://clickhouse:8123 is unreachable')
      );
      // Grafana's panel header shows the query error; the panel itself has no frames to draw.
      await expect(panelHost.panel()).toContainText('No data');
    });

    test('null, NaN, negative and zero values are left out; the rest still draws', async ({ panelHost }) => {
      const broken = withValues(panel(), panelCase.valueField, (row) =>
        row === 0 ? 5_000_000 : [null, Number.NaN, -1, 0][row % 4]
      );
      await renderResponse(panelHost, panel(), broken);
      await expect(chart(panelHost)).toBeVisible();
    });

    test('names made of markup are drawn as text, never run', async ({ panelHost }) => {
      const hostile = '<img src=x onerror="window.__flowlensPwned=1">';
      const broken = withValues(panel(), panelCase.nameField, (row) => (row % 2 === 0 ? hostile : `pod-${row}`));
      await renderResponse(panelHost, panel(), broken);
      await expect(chart(panelHost)).toBeVisible();
      await expect(panelHost.panel().locator('img')).toHaveCount(0);
      expect(
        await panelHost.page.evaluate(() => (window as { __flowlensPwned?: number }).__flowlensPwned)
      ).toBeUndefined();
      await expect(
        panelHost
          .panel()
          .getByRole('button', { name: new RegExp(`^.*${hostile.slice(0, 8)}`) })
          .first()
      ).toBeVisible();
    });
  });
}
