/**
 * The root README's images: the dashboards' Sankey and chord panels drawn from our backend's answer
 * for flowgen's demo hour (the same frames the e2e specs check), through the panel host. Run after
 * `npm run build`:
 *
 *   npx tsx e2e/screenshots/dashboards.ts    # writes docs/images/*.png
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BackendPanel, queryDashboardPanels } from '../backend/dashboardPanelData.ts';
import { launchPanelHost } from '../host/launch.ts';
import { hoverShape } from '../support/pointOnShape.ts';
import { writePanelShot } from './panelShot.ts';

const defaultOutDir = resolve(import.meta.dirname, '../../docs/images');

interface Shot {
  file: string;
  dashboard: string;
  theme: 'dark' | 'light';
  width: number;
  height: number;
  /** Hover the node or arc whose accessible name starts with this, to show the tooltip. */
  hover?: string;
}

const shots: Shot[] = [
  { file: 'pod-to-pod-sankey.png', dashboard: 'pod-to-pod', theme: 'dark', width: 1100, height: 520 },
  { file: 'pod-to-service-sankey.png', dashboard: 'pod-to-service', theme: 'dark', width: 1100, height: 560 },
  { file: 'network-policy-chord.png', dashboard: 'network-policy', theme: 'dark', width: 900, height: 640 },
  {
    file: 'network-policy-chord-hover-light.png',
    dashboard: 'network-policy',
    theme: 'light',
    width: 900,
    height: 640,
    hover: 'shop/mongodb-0: outgoing ',
  },
  {
    file: 'policy-recommendation-review.png',
    dashboard: 'policy-recommendation',
    theme: 'dark',
    width: 1200,
    height: 620,
  },
];

function panelOf(panels: BackendPanel[], dashboard: string): BackendPanel {
  const panel = panels.find((candidate) => candidate.dashboard === dashboard);
  if (!panel) {
    throw new Error(`No FlowLens panel on the ${dashboard} dashboard`);
  }
  return panel;
}

/** Queries the backend once, renders each shot and writes it as a PNG; returns the files written. */
export async function renderDashboardScreenshots(outDir = defaultOutDir): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const { panels, timeRange } = await queryDashboardPanels();
  const host = await launchPanelHost();
  const written: string[] = [];
  try {
    for (const shot of shots) {
      const panel = panelOf(panels, shot.dashboard);
      await host.render({
        pluginId: panel.pluginId,
        title: panel.title,
        queryResponse: panel.queryResponse,
        options: panel.options,
        fieldConfig: panel.fieldConfig,
        variables: panel.variables,
        timeRange,
        timeZone: 'utc',
        theme: shot.theme,
        width: shot.width,
        height: shot.height,
      });
      const path = resolve(outDir, shot.file);
      const hover = shot.hover;
      // Ribbons lie over parts of an arc: point where the arc itself is under the pointer.
      const hoverIt = hover
        ? () => hoverShape(host.page, host.panel().getByRole('button', { name: new RegExp(`^${hover}`) }))
        : undefined;
      await writePanelShot(host, path, hoverIt);
      written.push(path);
    }
    await host.assertNoProblems();
  } finally {
    await host.close();
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of await renderDashboardScreenshots()) {
    console.log(`wrote ${file}`);
  }
}
