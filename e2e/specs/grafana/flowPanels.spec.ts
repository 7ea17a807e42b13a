/**
 * The FlowLens panels on the provisioned dashboards draw real flows inside Grafana: every Sankey and
 * chord panel renders its chart (found by the summary each chart gives assistive technology, e.g.
 * "Sankey of Source pod → Destination pod: 12 nodes, 30 links") with nodes or ribbons, shows no panel
 * error, and its content passes axe's WCAG 2.0 and 2.1 A/AA rules.
 */
import { expect, type Panel, type PluginFixture, resolveGrafanaSelector, test } from '@grafana/plugin-e2e';
import { panelsOfType, type ProvisionedDashboard, type ProvisionedPanel } from './provisionedDashboards.ts';

const sankeys = panelsOfType('flowlens-sankey-panel');
const chords = panelsOfType('flowlens-chord-panel');

/** Opens the dashboard and brings the panel into view: Grafana renders panels below the fold lazily. */
async function openPanel(
  gotoDashboardPage: PluginFixture['gotoDashboardPage'],
  dashboard: ProvisionedDashboard,
  panel: ProvisionedPanel
): Promise<Panel> {
  const dashboardPage = await gotoDashboardPage({ uid: dashboard.uid });
  // The dashboard has rendered once its first panel shows; only then is scrolling meaningful.
  await expect(dashboardPage.getPanelByTitle(dashboard.panels[0]!.title).locator).toBeVisible();
  const grafanaPanel = dashboardPage.getPanelByTitle(panel.title);
  await grafanaPanel.scrollIntoView();
  return grafanaPanel;
}

test('the dashboards hold Sankey and chord panels', () => {
  expect(sankeys.length).toBeGreaterThan(0);
  expect(chords.length).toBeGreaterThan(0);
});

for (const { dashboard, panel } of sankeys) {
  test(`Sankey "${panel.title}" on ${dashboard.title} draws nodes and links`, async ({ gotoDashboardPage }) => {
    const grafanaPanel = await openPanel(gotoDashboardPage, dashboard, panel);

    const chart = grafanaPanel.locator.getByRole('group', { name: /^Sankey of / });
    await expect(chart).toHaveAttribute('aria-label', /: [1-9]\d* nodes, [1-9]\d* links$/);
    await expect(grafanaPanel.locator.getByTestId('sankey-nodes').locator('rect').first()).toBeAttached();
    await expect(grafanaPanel.getErrorIcon()).toHaveCount(0);
  });
}

for (const { dashboard, panel } of chords) {
  test(`chord "${panel.title}" on ${dashboard.title} draws groups and ribbons`, async ({ gotoDashboardPage }) => {
    const grafanaPanel = await openPanel(gotoDashboardPage, dashboard, panel);

    const chart = grafanaPanel.locator.getByRole('group', { name: /^Chord diagram: / });
    await expect(chart).toHaveAttribute('aria-label', /: [1-9]\d* groups, [1-9]\d* ribbons$/);
    await expect(grafanaPanel.locator.getByTestId('chord-ribbons').locator('path').first()).toBeAttached();
    await expect(grafanaPanel.getErrorIcon()).toHaveCount(0);
  });
}

for (const { dashboard, panel } of [...sankeys, ...chords]) {
  test(`"${panel.title}" on ${dashboard.title} has no axe violations`, async ({
    gotoDashboardPage,
    selectors,
    scanForA11yViolations,
  }) => {
    const grafanaPanel = await openPanel(gotoDashboardPage, dashboard, panel);
    await expect(grafanaPanel.locator.getByRole('group', { name: /^(Sankey of|Chord diagram:) / })).toBeVisible();

    // Only what the plugin draws: the panel's content box, not Grafana's header and menus around it.
    const { title, content } = selectors.components.Panels.Panel;
    const results = await scanForA11yViolations({
      include: `${resolveGrafanaSelector(title(panel.title))} ${resolveGrafanaSelector(content)}`,
    });
    expect(results).toHaveNoA11yViolations();
  });
}
