/**
 * The Network Policy dashboard's chord, rendered from its built dist/ with the frames our backend
 * returned for the dashboard's query (flowgen's hour in chDB: allowed traffic, denials and the drop
 * burst), and the dashboard's options and field overrides: display names, value mappings on ruleAction.
 */
import { columnOf, dashboardPanel, dashboardPanelSpec } from '../backend/backendPanels.ts';
import { expect, type PanelHostPage, type PanelSpec, test } from '../fixtures.ts';
import { bytesPerName, largestNames } from '../support/backendTotals.ts';
import { bytesIn, formattedBytesPattern, showsBytes } from '../support/formattedBytes.ts';
import { drawnOutside, scrollingElements } from '../support/panelBounds.ts';
import { clickShape, hoverShape, pointOn } from '../support/pointOnShape.ts';
import { themeColor } from '../support/themeColors.ts';

const panel = () => dashboardPanel('network-policy');

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An arc by its group name; its accessible name is "<name>: outgoing <bytes>, incoming <bytes>". */
function arc(host: PanelHostPage, name: string, slot = 'main') {
  return host.panel(slot).getByRole('button', { name: new RegExp(`^${escaped(name)}: outgoing `) });
}

/** The ribbon layer's opacity: the chord fades it while a group is isolated or a ribbon hovered. */
async function ribbonLayerOpacity(host: PanelHostPage, slot = 'main'): Promise<number> {
  return host
    .panel(slot)
    .locator('svg:has([data-testid="chord-ribbons"])')
    .evaluate((svg) => Number(getComputedStyle(svg).opacity));
}

/** The largest ribbon as drawn: the pair the backend sent the most bytes for. */
function largestRibbon(host: PanelHostPage) {
  return host.panel().locator('[data-testid="chord-ribbons"] path[data-ribbon="0"]').first();
}

async function renderChord(host: PanelHostPage, extra: Partial<PanelSpec> = {}) {
  const result = await host.render(dashboardPanelSpec(panel(), extra));
  expect(result.panelError).toBeUndefined();
  await expect(host.panel(extra.slot).getByText(/could not render this data|Unable to render data/)).toHaveCount(0);
}

test.describe('network-policy dashboard: chord', () => {
  test('draws the backend\'s pods as arcs with their bytes, the top 30 and "Other"', async ({ panelHost }) => {
    await renderChord(panelHost);
    const sources = bytesPerName(panel(), 'sourcePod');
    const targets = bytesPerName(panel(), 'destinationPod');
    const endpoints = new Set([...sources.keys(), ...targets.keys()]);
    expect(endpoints.size, 'flowgen gives this dashboard more pods and addresses than the top 30').toBeGreaterThan(30);

    await expect(
      panelHost.panel().getByRole('group', { name: /^Chord diagram: 31 groups, \d+ ribbons$/ })
    ).toBeVisible();
    await expect(arc(panelHost, 'Other')).toHaveCount(1);
    // The busiest pods of flowgen's shop and the drop burst's target are there with the backend's bytes.
    const busiest = largestNames(
      new Map([...endpoints].map((name) => [name, (sources.get(name) ?? 0) + (targets.get(name) ?? 0)]))
    ).slice(0, 10);
    expect(busiest).toContain('shop/mongodb-0');
    for (const name of busiest) {
      const label = (await arc(panelHost, name).getAttribute('aria-label')) ?? '';
      const [outgoing, incoming] = bytesIn(label);
      expect(showsBytes(outgoing!, sources.get(name) ?? 0), `${label} vs backend out ${sources.get(name)}`).toBe(true);
      expect(showsBytes(incoming!, targets.get(name) ?? 0), `${label} vs backend in ${targets.get(name)}`).toBe(true);
    }
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`colours ribbons by the rule action's value mappings, named in the legend (${theme})`, async ({
      panelHost,
    }) => {
      await renderChord(panelHost, { theme });
      const actions = new Set(columnOf(panel(), 'ruleAction'));
      expect([...actions].sort(), 'flowgen allows, drops and rejects').toEqual([1, 2, 3]);

      const legend = panelHost.panel().getByRole('list');
      await expect(legend.getByRole('listitem')).toHaveText(['Allow', 'Drop', 'Reject']);
      const fills = new Set(
        await panelHost
          .panel()
          .locator('[data-testid="chord-ribbons"] path')
          .evaluateAll((paths) => paths.map((path) => path.getAttribute('fill')))
      );
      const expected = await Promise.all(
        ['green', 'red', 'dark-red'].map((name) => themeColor(panelHost.page, theme, name))
      );
      expect([...fills].sort()).toEqual([...expected].sort());
    });
  }

  test('hovering an arc isolates its traffic: other ribbons and unconnected arcs fade; the tooltip has bytes', async ({
    panelHost,
  }) => {
    await renderChord(panelHost);
    expect(await ribbonLayerOpacity(panelHost)).toBe(1);
    await hoverShape(panelHost.page, arc(panelHost, 'shop/mongodb-0'));

    const tooltip = panelHost.page.getByTestId('chord-tooltip');
    await expect(tooltip).toContainText('shop/mongodb-0');
    const incoming = bytesIn(await tooltip.innerText())[1]!;
    expect(showsBytes(incoming, bytesPerName(panel(), 'destinationPod').get('shop/mongodb-0')!)).toBe(true);
    await expect.poll(() => ribbonLayerOpacity(panelHost)).toBeLessThan(0.5);
    // The isolated group's ribbons are drawn again on top, at full strength.
    await expect(panelHost.panel().getByTestId('chord-highlight').locator('path')).not.toHaveCount(0);
    const peers = Number(/Peers\s*(\d+)/.exec((await tooltip.innerText()) ?? '')?.[1]);
    const arcs = await panelHost.panel().locator('g[data-arc]').count();
    await expect(panelHost.panel().locator('g[data-arc][class]')).toHaveCount(arcs - 1 - peers);

    await panelHost.page.mouse.move(0, 0);
    await expect.poll(() => ribbonLayerOpacity(panelHost)).toBe(1);
    await expect(tooltip).toHaveCount(0);
  });

  test('hovering a ribbon shows its rows: rule action by its mapping, policies and bytes under display names', async ({
    panelHost,
  }) => {
    await renderChord(panelHost);
    await hoverShape(panelHost.page, largestRibbon(panelHost));
    const tooltip = panelHost.page.getByTestId('chord-tooltip');
    await expect(tooltip).toContainText(' → shop/mongodb-0');
    for (const header of ['Rule action', 'Ingress policy', 'Egress policy']) {
      await expect(tooltip.getByRole('columnheader', { name: header })).toBeVisible();
    }
    await expect(tooltip.getByRole('cell', { name: 'Allow', exact: true })).toBeVisible();
    await expect(tooltip.getByRole('cell', { name: 'shop/mongodb-allow-worker' })).toBeVisible();
    await expect(tooltip).toContainText(formattedBytesPattern);
    await expect.poll(() => ribbonLayerOpacity(panelHost)).toBeLessThan(1);
  });

  test('clicking an arc keeps its group isolated until the chip releases it', async ({ panelHost }) => {
    await renderChord(panelHost);
    await clickShape(panelHost.page, arc(panelHost, 'shop/mongodb-0'));
    await panelHost.page.mouse.move(0, 0);
    await expect(arc(panelHost, 'shop/mongodb-0')).toHaveAttribute('aria-pressed', 'true');
    expect(await ribbonLayerOpacity(panelHost)).toBeLessThan(0.5);

    await panelHost.panel().getByRole('button', { name: 'Showing only shop/mongodb-0; show all groups' }).click();
    await expect(arc(panelHost, 'shop/mongodb-0')).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => ribbonLayerOpacity(panelHost)).toBe(1);
    expect((await panelHost.events()).filter((event) => event.type === 'navigation')).toEqual([]);
  });

  test("clicking a ribbon follows the dashboards' drill-down link on the source pod", async ({ panelHost }) => {
    // The dashboard gives the chord no data link; the one its Sankeys put on pods shows the click works.
    const podLinks = dashboardPanel('pod-to-pod').fieldConfig.overrides!.find(
      (override) => override.matcher.options === 'sourcePod' && override.properties.some((p) => p.id === 'links')
    )!;
    await renderChord(panelHost, {
      fieldConfig: { ...panel().fieldConfig, overrides: [...(panel().fieldConfig.overrides ?? []), podLinks] },
    });
    const [busiestSource] = largestNames(bytesPerName(panel(), 'sourcePod'));
    // Hovered, the ribbon is drawn again on top of itself: click where the pointer already is.
    const { x, y } = await pointOn(largestRibbon(panelHost));
    await panelHost.page.mouse.move(x, y);
    await expect(panelHost.page.getByTestId('chord-tooltip')).toContainText('Click to open the data link');
    await panelHost.page.mouse.click(x, y);

    const navigations = (await panelHost.events()).filter((event) => event.type === 'navigation');
    expect(navigations).toHaveLength(1);
    const url = new URL(navigations[0]!.url, 'http://grafana');
    expect(url.pathname).toBe('/d/flowlens-flow-records');
    expect(url.searchParams.get('var-pod')).toBe(busiestSource);
    expect(url.searchParams.get('from')).toBe(String(Date.parse('2025-01-06T09:00:00Z')));
    expect(url.searchParams.get('var-datasource')).toBe('flowlens-clickhouse');
  });

  test('two chords on one dashboard: hovering one leaves the other alone', async ({ panelHost }) => {
    await renderChord(panelHost, { height: 360 });
    await renderChord(panelHost, { height: 360, slot: 'second' });
    await hoverShape(panelHost.page, arc(panelHost, 'shop/mongodb-0'));
    await expect.poll(() => ribbonLayerOpacity(panelHost)).toBeLessThan(0.5);
    expect(await ribbonLayerOpacity(panelHost, 'second')).toBe(1);
    await expect(panelHost.panel('second').locator('g[data-arc][class]')).toHaveCount(0);
  });

  test('resizes: the circle refits the panel box and nothing is drawn outside it', async ({ panelHost }) => {
    const radii: number[] = [];
    for (const [width, height] of [
      [1200, 700],
      [420, 300],
    ] as const) {
      await renderChord(panelHost, { width, height });
      expect(await panelHost.panel().getByTestId('panel-content').boundingBox()).toMatchObject({ width, height });
      expect(await drawnOutside(panelHost.panel(), 'path, text, li')).toEqual([]);
      expect(await scrollingElements(panelHost.panel())).toEqual([]);
      const circle = (await panelHost.panel().getByTestId('chord-arcs').boundingBox())!;
      radii.push(Math.max(circle.width, circle.height) / 2);
    }
    expect(radii[0]).toBeGreaterThan(radii[1]! * 1.5);
  });
});
