/**
 * The Sankey panels of each FlowLens dashboard — bytes sent, and the reverse direction (replies) — rendered
 * from their built dist/ with the frames our backend returned for the dashboard's queries (flowgen's hour
 * in chDB), and the options, field config, variables and time range the dashboard JSON saves.
 */
import { type BackendPanel, columnOf, dashboardPanel, dashboardPanelSpec } from '../backend/backendPanels.ts';
import { expect, type PanelHostPage, test } from '../fixtures.ts';
import { bytesPerName, largestNames, targetsOf } from '../support/backendTotals.ts';
import { bytesIn, formattedBytesPattern, showsBytes } from '../support/formattedBytes.ts';
import { drawnOutside, scrollingElements } from '../support/panelBounds.ts';
import { themeTextColors } from '../support/themeColors.ts';

interface SankeyCase {
  dashboard: string;
  /** Which Sankey of the dashboard: the forward one (bytes sent) or the reverse one (replies). */
  direction: 'forward' | 'reverse';
  /** Builder field names of the left and right columns and their display names from the overrides. */
  source: { field: string; title: string };
  target: { field: string; title: string };
  /** The builder metric that sizes the links. */
  value: 'bytes' | 'reverseBytes';
  /** Columns whose nodes drill down to the flow records dashboard. */
  linked: Array<'source' | 'target'>;
  /** Names flowgen's cluster must produce in each column. */
  flowgenNames: Array<{ column: 'source' | 'target'; name: RegExp }>;
  /** Names that must not appear in a column, e.g. the senders of dropped traffic among those that got replies. */
  absentNames?: Array<{ column: 'source' | 'target'; name: RegExp }>;
}

const podColumns = {
  sourcePod: { field: 'sourcePod', title: 'Source pod' },
  destinationPod: { field: 'destinationPod', title: 'Destination pod' },
  service: { field: 'destinationService', title: 'Service' },
  destinationIP: { field: 'destinationIP', title: 'Destination IP' },
  sourceNode: { field: 'sourceNode', title: 'Source node' },
  destinationNode: { field: 'destinationNode', title: 'Destination node' },
};
const workerNodes = (columns: Array<'source' | 'target'>) =>
  ['worker-1', 'worker-2', 'worker-3'].flatMap((node) =>
    columns.map((column) => ({ column, name: new RegExp(`^${node}$`) }))
  );

const sankeys: SankeyCase[] = [
  {
    dashboard: 'pod-to-pod',
    direction: 'forward',
    source: podColumns.sourcePod,
    target: podColumns.destinationPod,
    value: 'bytes',
    linked: ['source', 'target'],
    // The drop burst: debug-toolbox scans the databases directly, not through their Service.
    flowgenNames: [
      { column: 'source', name: /^dev\/debug-toolbox-/ },
      { column: 'target', name: /^shop\/mongodb-0$/ },
      { column: 'source', name: /^monitoring\/prometheus-0$/ },
    ],
  },
  {
    // Replies flow from the destination back to the source: the reverse Sankey swaps the columns.
    dashboard: 'pod-to-pod',
    direction: 'reverse',
    source: podColumns.destinationPod,
    target: podColumns.sourcePod,
    value: 'reverseBytes',
    linked: ['source', 'target'],
    // Prometheus scrapes the shop's pods and they answer; the dropped scans of debug-toolbox get no reply.
    flowgenNames: [
      { column: 'source', name: /^shop\/api-/ },
      { column: 'source', name: /^shop\/worker-/ },
      { column: 'target', name: /^monitoring\/prometheus-0$/ },
    ],
    absentNames: [
      { column: 'target', name: /^dev\/debug-toolbox-/ },
      { column: 'source', name: /^shop\/mongodb-0$/ },
    ],
  },
  {
    dashboard: 'pod-to-service',
    direction: 'forward',
    source: podColumns.sourcePod,
    target: podColumns.service,
    value: 'bytes',
    linked: ['source'],
    flowgenNames: [
      { column: 'source', name: /^bookinfo\/productpage-v1-/ },
      { column: 'target', name: /^bookinfo\/reviews:http$/ },
      { column: 'target', name: /^bookinfo\/details:http$/ },
      { column: 'target', name: /^shop\/mongodb:mongodb$/ },
    ],
  },
  {
    dashboard: 'pod-to-service',
    direction: 'reverse',
    source: podColumns.service,
    target: podColumns.sourcePod,
    value: 'reverseBytes',
    linked: ['target'],
    flowgenNames: [
      { column: 'source', name: /^shop\/mongodb:mongodb$/ },
      { column: 'source', name: /^bookinfo\/reviews:http$/ },
      { column: 'target', name: /^bookinfo\/productpage-v1-/ },
    ],
  },
  {
    dashboard: 'pod-to-external',
    direction: 'forward',
    source: podColumns.sourcePod,
    target: podColumns.destinationIP,
    value: 'bytes',
    linked: ['source'],
    // The new talker: debug-toolbox uploads to a file sharing site.
    flowgenNames: [
      { column: 'source', name: /^dev\/debug-toolbox-/ },
      { column: 'source', name: /^bookinfo\/details-v1-/ },
    ],
  },
  {
    dashboard: 'pod-to-external',
    direction: 'reverse',
    source: podColumns.destinationIP,
    target: podColumns.sourcePod,
    value: 'reverseBytes',
    linked: ['target'],
    // The file sharing site acknowledges debug-toolbox's upload.
    flowgenNames: [
      { column: 'source', name: /^192\.0\.2\.99$/ },
      { column: 'target', name: /^dev\/debug-toolbox-/ },
    ],
  },
  {
    dashboard: 'node-to-node',
    direction: 'forward',
    source: podColumns.sourceNode,
    target: podColumns.destinationNode,
    value: 'bytes',
    linked: [],
    flowgenNames: workerNodes(['source', 'target']),
  },
  {
    dashboard: 'node-to-node',
    direction: 'reverse',
    source: podColumns.destinationNode,
    target: podColumns.sourceNode,
    value: 'reverseBytes',
    linked: [],
    flowgenNames: workerNodes(['source', 'target']),
  },
];

/** The dashboard's Sankey of one direction, by its title. */
const sankeyTitles = { forward: /^Bytes from /, reverse: /^Reverse bytes: / };

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A node by its column title and name: its accessible name is "<column> <name>: <value>, <share> of total". */
function node(host: PanelHostPage, columnTitle: string, name: string) {
  return host.panel().getByRole('button', { name: new RegExp(`^${escaped(columnTitle)} ${escaped(name)}: `) });
}

/** The nodes of a column with the value each shows, parsed from their accessible names. */
async function shownNodes(host: PanelHostPage, columnTitle: string): Promise<Map<string, number>> {
  const labels = await host
    .panel()
    .getByRole('button', { name: new RegExp(`^${escaped(columnTitle)} `) })
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  return new Map(
    labels.map((label) => {
      const [, name = '', value = ''] = /^ (.+?): (.+), [<\d.]+% of total$/.exec(label.slice(columnTitle.length)) ?? [];
      return [name, bytesIn(value)[0] ?? Number.NaN];
    })
  );
}

async function renderDashboardPanel(host: PanelHostPage, panel: BackendPanel, extra = {}) {
  const result = await host.render(dashboardPanelSpec(panel, extra));
  expect(result.panelError).toBeUndefined();
  await expect(host.panel().getByText(/could not draw this data|Unable to render data/)).toHaveCount(0);
  return result;
}

for (const sankey of sankeys) {
  test.describe(`${sankey.dashboard} dashboard: ${sankey.direction} Sankey`, () => {
    const panel = () => dashboardPanel(sankey.dashboard, sankeyTitles[sankey.direction]);
    const sources = () => bytesPerName(panel(), sankey.source.field, sankey.value);

    test("draws the backend's flows: flowgen's names, each node's bytes, columns named by the overrides", async ({
      panelHost,
    }) => {
      await renderDashboardPanel(panelHost, panel());
      await expect(
        panelHost
          .panel()
          .getByRole('group', { name: new RegExp(`^Sankey of ${sankey.source.title} → ${sankey.target.title}: `) })
      ).toBeVisible();
      const shownNames = {
        source: [...(await shownNodes(panelHost, sankey.source.title)).keys()],
        target: [...(await shownNodes(panelHost, sankey.target.title)).keys()],
      };
      for (const { column, name } of sankey.flowgenNames) {
        expect(shownNames[column], `a ${column} node named ${name}`).toContainEqual(expect.stringMatching(name));
      }
      for (const { column, name } of sankey.absentNames ?? []) {
        expect(shownNames[column], `no ${column} node named ${name}`).not.toContainEqual(expect.stringMatching(name));
      }
      // Every left-hand node the panel keeps shows the bytes (or reverse bytes) the backend summed for it.
      const shown = await shownNodes(panelHost, sankey.source.title);
      const expected = sources();
      const kept = [...shown.keys()].filter((name) => name !== 'Other');
      expect(kept.length).toBeGreaterThan(0);
      for (const name of kept) {
        expect(
          showsBytes(shown.get(name)!, expected.get(name)!),
          `${name}: shown ${shown.get(name)}, backend ${expected.get(name)}`
        ).toBe(true);
      }
    });

    test('hovering the busiest source highlights its flows and dims the rest; the tooltip has its bytes', async ({
      panelHost,
    }) => {
      await renderDashboardPanel(panelHost, panel());
      const busiest = largestNames(sources())[0]!;
      const links = panelHost.panel().getByTestId('sankey-links');
      const opacityBefore = Number(await links.locator('..').getAttribute('stroke-opacity'));

      await node(panelHost, sankey.source.title, busiest).hover();
      const highlight = panelHost.panel().getByTestId('sankey-highlight');
      const targetsOfBusiest = targetsOf(panel(), sankey.source.field, sankey.target.field, busiest);
      await expect(highlight.locator('path')).toHaveCount(targetsOfBusiest.size);
      expect(Number(await links.locator('..').getAttribute('stroke-opacity'))).toBeLessThan(opacityBefore);
      // Nodes off the hovered paths fade; the hovered node does not.
      await expect(node(panelHost, sankey.source.title, busiest)).not.toHaveAttribute('opacity', /.+/);
      const faded = panelHost.panel().locator('[data-testid="sankey-nodes"] rect[opacity="0.3"]');
      const nodeCount = await panelHost.panel().locator('[data-testid="sankey-nodes"] rect').count();
      await expect(faded).toHaveCount(nodeCount - 1 - targetsOfBusiest.size);

      const tooltip = panelHost.page.getByTestId('sankey-tooltip');
      await expect(tooltip).toContainText(busiest);
      await expect(tooltip).toContainText(formattedBytesPattern);
      const shownBytes = bytesIn(await tooltip.innerText())[0]!;
      expect(
        showsBytes(shownBytes, sources().get(busiest)!),
        `tooltip ${shownBytes} vs ${sources().get(busiest)}`
      ).toBe(true);

      await panelHost.page.mouse.move(0, 0);
      await expect(highlight).toHaveCount(0);
      await expect(tooltip).toHaveCount(0);
    });

    if (sankey.linked.length > 0) {
      test('clicking a pod follows the drill-down link to its flow records, with the time range and variables', async ({
        panelHost,
      }) => {
        await renderDashboardPanel(panelHost, panel());
        const column = sankey[sankey.linked[0]!];
        const pod = largestNames(bytesPerName(panel(), column.field, sankey.value))[0]!;
        await node(panelHost, column.title, pod).click();

        const navigations = (await panelHost.events()).filter((event) => event.type === 'navigation');
        expect(navigations).toHaveLength(1);
        const url = new URL(navigations[0]!.url, 'http://grafana');
        expect(url.pathname).toBe('/d/flowlens-flow-records');
        expect(url.searchParams.get('var-pod')).toBe(pod);
        expect(url.searchParams.get('from')).toBe(String(Date.parse('2025-01-06T09:00:00Z')));
        expect(url.searchParams.get('to')).toBe(String(Date.parse('2025-01-06T10:00:00Z')));
        expect(url.searchParams.get('var-datasource')).toBe('flowlens-clickhouse');
        expect(url.searchParams.get('var-cluster')).toBe('$__all');
        expect(url.searchParams.getAll('var-excludedNamespaces')).toEqual([
          'kube-system',
          'flow-aggregator',
          'flow-visibility',
        ]);
      });
    } else {
      test('clicking a node without data links pins its tooltip and goes nowhere', async ({ panelHost }) => {
        await renderDashboardPanel(panelHost, panel());
        const busiest = largestNames(sources())[0]!;
        await node(panelHost, sankey.source.title, busiest).click();
        await panelHost.page.mouse.move(0, 0);
        await expect(panelHost.page.getByTestId('sankey-tooltip')).toContainText(busiest);
        expect((await panelHost.events()).filter((event) => event.type === 'navigation')).toEqual([]);
      });
    }
  });
}

test.describe('pod-to-service dashboard: Sankey with more links than its top 50', () => {
  const panel = () => dashboardPanel('pod-to-service', sankeyTitles.forward);

  test('folds the rest into "Other" in both columns and keeps each column\'s total', async ({ panelHost }) => {
    const rows = columnOf(panel(), 'bytes').length;
    expect(rows, 'flowgen gives this dashboard more pairs than the panel draws').toBeGreaterThan(50);
    await renderDashboardPanel(panelHost, panel());

    const summary = await panelHost
      .panel()
      .getByRole('group', { name: /^Sankey of / })
      .getAttribute('aria-label');
    const [, links] = /: \d+ nodes, (\d+) links$/.exec(summary ?? '') ?? [];
    expect(Number(links)).toBeLessThanOrEqual(50);
    await expect(node(panelHost, 'Source pod', 'Other')).toHaveCount(1);
    await expect(node(panelHost, 'Service', 'Other')).toHaveCount(1);
    await expect(panelHost.panel().getByRole('note')).toContainText(/\d+ smaller links folded into "Other"/);

    const total = [...bytesPerName(panel(), 'sourcePod').values()].reduce((sum, bytes) => sum + bytes, 0);
    for (const column of ['Source pod', 'Service']) {
      const shown = [...(await shownNodes(panelHost, column)).values()].reduce((sum, bytes) => sum + bytes, 0);
      expect(Math.abs(shown - total) / total, `${column} adds up to the backend's total`).toBeLessThan(0.01);
    }
  });

  test('a dashboard with fewer links than its top 50 has no "Other"', async ({ panelHost }) => {
    await renderDashboardPanel(panelHost, dashboardPanel('pod-to-pod', sankeyTitles.forward));
    await expect(node(panelHost, 'Source pod', 'Other')).toHaveCount(0);
    await expect(panelHost.panel().getByRole('note')).toHaveCount(0);
  });

  test('resizes: the layout follows the panel box and nothing is drawn outside it', async ({ panelHost }) => {
    const rightEdges: number[] = [];
    for (const [width, height] of [
      [1200, 600],
      [420, 260],
    ] as const) {
      await renderDashboardPanel(panelHost, panel(), { width, height });
      const content = panelHost.panel().getByTestId('panel-content');
      expect(await content.boundingBox()).toMatchObject({ width, height });
      expect(await drawnOutside(panelHost.panel(), 'rect, text')).toEqual([]);
      expect(await scrollingElements(panelHost.panel())).toEqual([]);
      const targets = panelHost.panel().getByRole('button', { name: /^Service / });
      const box = (await targets.first().boundingBox())!;
      const panelBox = (await content.boundingBox())!;
      rightEdges.push(box.x + box.width - panelBox.x);
    }
    // The target column sits at the right edge of each size, not where the large layout put it.
    expect(rightEdges[0]).toBeGreaterThan(600);
    expect(rightEdges[1]).toBeLessThanOrEqual(420);
  });
});

test.describe('pod-to-pod dashboard: Sankey in both themes', () => {
  for (const theme of ['dark', 'light'] as const) {
    test(`labels take the ${theme} theme's text colour with a halo in its panel background`, async ({ panelHost }) => {
      await renderDashboardPanel(panelHost, dashboardPanel('pod-to-pod', sankeyTitles.forward), { theme });
      const expected = await themeTextColors(panelHost.page, theme);
      const drawn = await panelHost
        .panel()
        .getByTestId('sankey-labels')
        .locator('text')
        .first()
        .evaluate((text) => ({ fill: getComputedStyle(text).fill, stroke: getComputedStyle(text).stroke }));
      expect(drawn).toEqual({ fill: expected.text, stroke: expected.background });
    });
  }
});
