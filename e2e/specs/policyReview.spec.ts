/**
 * The Policy Recommendation dashboard's review panel, rendered from its built dist/ with the frames our
 * backend returned for the dashboard's query (flowgen's hour in chDB, the dashboard's saved choices:
 * Kubernetes NetworkPolicies per workload, DNS allowed): policies by namespace, selection, rules,
 * observed connections, the YAML it gives, Copy and Download, keyboard, resize, both themes, and the
 * backend's answer broken one way at a time.
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { type BackendPanel, columnOf, dashboardPanel, dashboardPanelSpec } from '../backend/backendPanels.ts';
import { expect, type PanelHostPage, type PanelSpec, test } from '../fixtures.ts';
import type { QueryResponseJSON } from '../host/panelSpec.ts';
import { failedQuery, withoutField, withoutRows, withValues } from '../support/brokenResponses.ts';
import { themeTextColors } from '../support/themeColors.ts';

const panel = () => dashboardPanel('policy-recommendation');

/** The backend's whole recommendation: the `yaml` cell of its `recommendation` frame. */
function wholeYaml(backend: BackendPanel): string {
  const frames = Object.values(backend.queryResponse.results)[0]!.frames!;
  const frame = frames.find((candidate) => candidate.schema.name === 'recommendation')!;
  const index = frame.schema.fields.findIndex((field) => field.name === 'yaml');
  return String(frame.data!.values[index]![0]);
}

const names = (yaml: string) =>
  parseAllDocuments(yaml).map((document) => (document.toJSON() as { metadata: { name: string } }).metadata.name);

async function renderReview(host: PanelHostPage, extra: Partial<PanelSpec> = {}) {
  const result = await host.render(dashboardPanelSpec(panel(), { width: 1200, height: 700, ...extra }));
  expect(result.panelError, 'nothing throws out of the panel').toBeUndefined();
  await expect(host.panel().getByText(/could not render this data/)).toHaveCount(0);
}

// textContent, not innerText: the blocks' text is the YAML exactly, innerText adds a newline per block.
const yamlShown = async (host: PanelHostPage) => (await host.panel().getByTestId('policy-yaml').textContent()) ?? '';
const summary = (host: PanelHostPage) => host.panel().getByRole('status');
const policyBox = (host: PanelHostPage, name: string) => host.panel().getByRole('checkbox', { name, exact: true });
/** A click on a policy's name, as users tick it (Grafana's checkbox draws its box over the input). */
const togglePolicy = (host: PanelHostPage, name: string) =>
  policyBox(host, name).locator('xpath=ancestor::label[1]').click();

/** A policy of the shop namespace with at least two rules, from the backend's rows. */
function shopPolicy(): string {
  const namespaces = columnOf(panel(), 'namespace');
  const rules = columnOf(panel(), 'rules');
  const row = namespaces.findIndex((namespace, i) => namespace === 'shop' && Number(rules[i]) >= 2);
  return String(columnOf(panel(), 'name')[row]);
}

test.describe('policy-recommendation dashboard: policy review', () => {
  test("lists the backend's policies by namespace, all selected; the YAML is the whole recommendation", async ({
    panelHost,
  }) => {
    await renderReview(panelHost);
    const policyNames = columnOf(panel(), 'name').map(String);
    expect(policyNames.length, 'flowgen gives policies in several namespaces').toBeGreaterThan(5);
    await expect(summary(panelHost)).toHaveText(`${policyNames.length} of ${policyNames.length} policies selected`);
    const namespaces = [...new Set(columnOf(panel(), 'namespace').map(String))].sort();
    for (const namespace of namespaces) {
      await expect(
        panelHost.panel().getByRole('checkbox', { name: new RegExp(`^${namespace} \\(\\d+ of \\d+\\)$`) })
      ).toBeChecked();
    }
    expect(await yamlShown(panelHost)).toBe(wholeYaml(panel()));
    // The backend's notices are on top.
    await expect(panelHost.panel().getByRole('list', { name: 'Notices from the recommendation' })).toContainText(
      'outside addresses'
    );
  });

  test('untick a policy, then one rule of another, by keyboard: the YAML follows', async ({ panelHost }) => {
    await renderReview(panelHost);
    const total = columnOf(panel(), 'name').length;
    const policy = shopPolicy();
    await policyBox(panelHost, policy).focus();
    await panelHost.page.keyboard.press('Space');
    await expect(policyBox(panelHost, policy)).not.toBeChecked();
    await expect(summary(panelHost)).toHaveText(`${total - 1} of ${total} policies selected`);
    expect(names(await yamlShown(panelHost))).not.toContain(policy);

    await panelHost.page.keyboard.press('Space');
    await panelHost.page.keyboard.press('Shift+Tab');
    await panelHost.page.keyboard.press('Enter');
    const rules = panelHost.panel().getByRole('list', { name: `Rules of ${policy}` });
    await expect(rules).toBeVisible();
    await expect(panelHost.panel().getByRole('list', { name: `Observed connections ${policy} allows` })).toBeVisible();
    await panelHost.page.keyboard.press('Tab');
    await panelHost.page.keyboard.press('Tab');
    await panelHost.page.keyboard.press('Space');
    await expect(rules.getByRole('checkbox').first()).not.toBeChecked();
    await expect(summary(panelHost)).toHaveText(`${total} of ${total} policies selected · 1 rule left out`);
    const shown = parseAllDocuments(await yamlShown(panelHost)).map(
      (document) =>
        document.toJSON() as { metadata: { name: string }; spec: { ingress?: unknown[]; egress?: unknown[] } }
    );
    const original = parseAllDocuments(wholeYaml(panel())).map(
      (document) => document.toJSON() as (typeof shown)[number]
    );
    const rulesOf = (policies: typeof shown) => {
      const found = policies.find((candidate) => candidate.metadata.name === policy)!;
      return (found.spec.ingress?.length ?? 0) + (found.spec.egress?.length ?? 0);
    };
    expect(rulesOf(shown)).toBe(rulesOf(original) - 1);
  });

  test('Copy YAML puts the YAML shown on the clipboard', async ({ panelHost }) => {
    await panelHost.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await renderReview(panelHost);
    await togglePolicy(panelHost, shopPolicy());
    await panelHost
      .panel()
      .getByRole('button', { name: /Copy YAML/ })
      .click();
    await expect(panelHost.page.getByText('Copied')).toBeVisible();
    const copied = await panelHost.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await yamlShown(panelHost));
    expect(names(copied)).not.toContain(shopPolicy());
  });

  test("Download saves the YAML shown as flowlens-<policy type>-policies.yaml (the dashboard's file name)", async ({
    panelHost,
  }) => {
    await renderReview(panelHost);
    await panelHost.panel().getByRole('button', { name: 'Select none' }).click();
    await expect(panelHost.panel().getByRole('button', { name: /Download/ })).toBeDisabled();
    await togglePolicy(panelHost, shopPolicy());
    const [download] = await Promise.all([
      panelHost.page.waitForEvent('download'),
      panelHost
        .panel()
        .getByRole('button', { name: /Download/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('flowlens-k8s-np-policies.yaml');
    const saved = await readFile((await download.path())!, 'utf8');
    expect(names(saved)).toEqual([shopPolicy()]);
    expect(saved).toBe(await yamlShown(panelHost));
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`draws in the ${theme} theme's colours and resizes: YAML beside the list, or under it when narrow`, async ({
      panelHost,
    }) => {
      await renderReview(panelHost, { theme });
      const colors = await themeTextColors(panelHost.page, theme);
      const yaml = panelHost.panel().getByTestId('policy-yaml');
      expect(await yaml.evaluate((element) => getComputedStyle(element).color)).toBe(colors.text);
      const list = panelHost.panel().getByRole('region', { name: 'Recommended policies' });
      const beside = [(await list.boundingBox())!, (await yaml.boundingBox())!];
      expect(beside[1]!.x).toBeGreaterThan(beside[0]!.x + beside[0]!.width - 1);

      await renderReview(panelHost, { theme, width: 600, height: 700 });
      const under = [(await list.boundingBox())!, (await yaml.boundingBox())!];
      expect(under[1]!.y).toBeGreaterThan(under[0]!.y + under[0]!.height - 1);
      expect(under[1]!.width).toBeLessThanOrEqual(600);
      // Nothing spills out of the panel's box: the list and the YAML scroll inside it.
      const box = (await panelHost.panel().boundingBox())!;
      for (const part of under) {
        expect(part.y + part.height).toBeLessThanOrEqual(box.y + box.height + 1);
      }
    });
  }
});

test.describe('policy-recommendation dashboard: policy review with a broken answer', () => {
  async function renderResponse(host: PanelHostPage, queryResponse: QueryResponseJSON) {
    await renderReview(host, { queryResponse });
  }

  test('without a yaml column: says what the panel reads and what the answer has', async ({ panelHost }) => {
    await renderResponse(panelHost, withoutField(panel(), 'yaml'));
    await expect(panelHost.panel()).toContainText('a frame with a "yaml" text field, one row per policy');
    await expect(panelHost.panel()).toContainText('frame policies of query A: kind (string)');
  });

  test('no policies (no traffic in the range): says so', async ({ panelHost }) => {
    await renderResponse(panelHost, withoutRows(panel()));
    await expect(panelHost.panel()).toContainText('No policies recommended');
  });

  test('a failed query leaves an empty panel, not a crash', async ({ panelHost }) => {
    await renderResponse(panelHost, failedQuery(panel(), 'ClickHouse at http://clickhouse:8123 is unreachable'));
    await expect(panelHost.panel()).toContainText('No data');
  });

  test('a policy whose YAML does not parse is listed with the reason and left out of the YAML', async ({
    panelHost,
  }) => {
    const yaml = columnOf(panel(), 'yaml');
    await renderResponse(
      panelHost,
      withValues(panel(), 'yaml', (row) => (row === 0 ? 'kind: [broken' : yaml[row]))
    );
    const first = String(columnOf(panel(), 'name')[0]);
    await expect(policyBox(panelHost, first)).toBeDisabled();
    await expect(panelHost.panel()).toContainText(`${first} is left out: its YAML does not parse: line 1:`);
    await expect(summary(panelHost)).toContainText('1 policy cannot be read');
    expect(names(await yamlShown(panelHost))).not.toContain(first);
  });

  test('markup in a policy name is shown as text, never run', async ({ panelHost }) => {
    const hostile = '<img src=x onerror="window.__flowlensPwned=1">';
    const yaml = columnOf(panel(), 'yaml').map(String);
    const renamed = (row: number) => (row === 0 ? yaml[0]!.replace(/^( {2}name: ).*$/m, `$1${hostile}`) : yaml[row]);
    await renderResponse(panelHost, withValues(panel(), 'yaml', renamed));
    await expect(policyBox(panelHost, hostile)).toBeVisible();
    await expect(panelHost.panel().locator('img')).toHaveCount(0);
    expect(
      await panelHost.page.evaluate(() => (window as { __flowlensPwned?: number }).__flowlensPwned)
    ).toBeUndefined();
  });
});
