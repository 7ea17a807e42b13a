/**
 * axe-core on every FlowLens panel of the dashboards, rendered from the backend's frames, in both
 * themes, at rest and with a tooltip open (a policy expanded, for the policy review): no serious or critical WCAG 2.0 / 2.1 A and AA violation
 * inside our panels (the host page around them is not ours, so it is left out).
 */
import AxeBuilder from '@axe-core/playwright';
import { backendPanels, dashboardPanelSpec } from '../backend/backendPanels.ts';
import { readDashboards } from '../backend/dashboardPanels.ts';
import { expect, type PanelHostPage, test } from '../fixtures.ts';
import { hoverShape } from '../support/pointOnShape.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function seriousViolations(host: PanelHostPage, include: string[]) {
  let builder = new AxeBuilder({ page: host.page }).withTags(wcagTags);
  for (const selector of include) {
    builder = builder.include(selector);
  }
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}

// Listed from the dashboard files: the backend's frames exist only once global setup has run.
const dashboardPanels = readDashboards().flatMap((dashboard) => dashboard.panels);

for (const { dashboard, title, pluginId } of dashboardPanels) {
  for (const theme of ['dark', 'light'] as const) {
    test(`${dashboard}: "${title}" has no serious axe violations (${theme})`, async ({ panelHost }) => {
      const panel = backendPanels().panels.find((p) => p.dashboard === dashboard && p.title === title)!;
      const result = await panelHost.render(dashboardPanelSpec(panel, { theme }));
      expect(result.panelError).toBeUndefined();
      if (pluginId === 'flowlens-policy-panel') {
        await expect(panelHost.panel().getByRole('region', { name: 'Recommended policies' })).toBeVisible();
        expect(await seriousViolations(panelHost, ['[data-panel-slot="main"]'])).toEqual([]);
        // Expanded: a policy's rule checkboxes and its list of observed connections.
        await panelHost
          .panel()
          .getByRole('button', { name: /^Show the rules/ })
          .first()
          .click();
        await expect(panelHost.panel().getByRole('list', { name: /^Rules of / })).toBeVisible();
        expect(await seriousViolations(panelHost, ['[data-panel-slot="main"]'])).toEqual([]);
        return;
      }
      const chart = panelHost.panel().getByRole('group', { name: /^(Sankey of|Chord diagram)/ });
      await expect(chart).toBeVisible();
      expect(await seriousViolations(panelHost, ['[data-panel-slot="main"]'])).toEqual([]);

      // With a tooltip open: it renders in Grafana's portal container, outside the panel's box.
      const firstNode = panelHost.panel().locator('[role="button"][aria-label]').first();
      await hoverShape(panelHost.page, firstNode);
      const tooltip = panelHost.page.locator('[data-testid$="-tooltip"]');
      await expect(tooltip).toBeVisible();
      expect(await seriousViolations(panelHost, ['[data-panel-slot="main"]', '#grafana-portal-container'])).toEqual([]);
    });
  }
}

test('the check finds a violation planted in a panel (a button without a name)', async ({ panelHost }) => {
  const [first] = dashboardPanels;
  const panel = backendPanels().panels.find((p) => p.dashboard === first!.dashboard && p.title === first!.title)!;
  await panelHost.render(dashboardPanelSpec(panel));
  await panelHost.panel().evaluate((slot) => slot.appendChild(document.createElement('button')));
  expect(await seriousViolations(panelHost, ['[data-panel-slot="main"]'])).toContainEqual(
    expect.objectContaining({ rule: 'button-name', impact: 'critical' })
  );
});
