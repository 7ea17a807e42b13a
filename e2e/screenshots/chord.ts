/**
 * README and plugin.json screenshots of flowlens-chord-panel, rendered from its built dist/ through the
 * panel host as the e2e tests see it. Run after `npm run build`:
 *
 *   npx tsx e2e/screenshots/chord.ts        # writes plugins/chord-panel/src/img/*.png
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LaunchedPanelHost, launchPanelHost } from '../host/launch.ts';
import type { PanelSpec } from '../host/panelSpec.ts';
import { writePanelShot } from './panelShot.ts';
import { podTraffic, policyTraffic, shopTraffic } from '../../plugins/chord-panel/src/test/syntheticFlows.ts';

const defaultOutDir = resolve(import.meta.dirname, '../../plugins/chord-panel/src/img');

interface Shot {
  file: string;
  spec: PanelSpec;
  /** Point at this before the picture: an arc by its group name, or a ribbon by its tooltip title. */
  hover?: { arc: string } | { ribbon: string };
}

function shots(): Shot[] {
  const panel = { pluginId: 'flowlens-chord-panel', width: 900, height: 640 };
  const shopOptions = { valueField: 'bytes', detailFields: ['Port'] };
  const policyOptions = {
    sourceField: 'sourcePodNamespace',
    targetField: 'destinationPodNamespace',
    valueField: 'bytes',
    colorBy: 'field',
    colorField: 'Action',
    detailFields: ['Policy', 'Port'],
  };
  return [
    {
      file: 'chord-pods-dark.png',
      spec: { ...panel, frames: [shopTraffic('pods')], options: shopOptions, theme: 'dark' },
    },
    {
      file: 'chord-isolated-group-light.png',
      spec: { ...panel, frames: [shopTraffic('pods')], options: shopOptions, theme: 'light' },
      hover: { arc: 'data/postgres-0' },
    },
    {
      file: 'chord-policy-actions-dark.png',
      spec: { ...panel, frames: [policyTraffic()], options: policyOptions, theme: 'dark' },
      hover: { ribbon: 'api → db' },
    },
    {
      file: 'chord-namespaces-undirected-light.png',
      spec: {
        ...panel,
        frames: [shopTraffic('namespaces')],
        options: { ...shopOptions, ribbons: 'undirected', groupSort: 'value' },
        theme: 'light',
      },
    },
    {
      file: 'chord-300-pods-top-25-other.png',
      spec: {
        ...panel,
        frames: [podTraffic(300, 12, 5, 1)],
        options: { topGroups: 25, groupSort: 'value', ribbonOpacity: 0.6 },
        theme: 'dark',
      },
    },
  ];
}

/** Moves the pointer onto the ribbon whose tooltip title starts with `title`, scanning the panel for it. */
async function hoverRibbon(host: LaunchedPanelHost, title: string): Promise<void> {
  const box = (await host.panel().boundingBox())!;
  const ids = await host
    .panel()
    .locator('[data-ribbon]')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute('data-ribbon')));
  for (const id of ids) {
    // A point whose topmost element is this ribbon: its own bounding box holds it somewhere.
    const point = await host.page.evaluate(
      ({ id, panel }) => {
        const path = document.querySelector(`[data-panel-slot="main"] [data-ribbon="${id}"]`);
        const rect = path?.getBoundingClientRect();
        if (!path || !rect) {
          return undefined;
        }
        for (let y = Math.max(rect.top, panel.y); y < Math.min(rect.bottom, panel.y + panel.height); y += 3) {
          for (let x = Math.max(rect.left, panel.x); x < Math.min(rect.right, panel.x + panel.width); x += 3) {
            if (document.elementFromPoint(x, y) === path) {
              return { x, y };
            }
          }
        }
        return undefined;
      },
      { id, panel: box }
    );
    if (!point) {
      continue;
    }
    await host.page.mouse.move(point.x, point.y);
    // Pointer moves render on the next frame: wait for this ribbon's tooltip rather than read the last one's.
    const shown = await host.page
      .waitForFunction(
        (wanted) => document.querySelector('[data-testid="chord-tooltip"]')?.textContent?.startsWith(wanted),
        title,
        { timeout: 500 }
      )
      .then(() => true)
      .catch(() => false);
    if (shown) {
      return;
    }
  }
  throw new Error(`no ribbon with the tooltip "${title}"`);
}

/** Renders each representative chord and writes it as a PNG; returns the files written. */
export async function renderChordScreenshots(outDir = defaultOutDir): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const host = await launchPanelHost();
  const written: string[] = [];
  try {
    for (const shot of shots()) {
      await host.render(shot.spec);
      const path = resolve(outDir, shot.file);
      const hover = shot.hover;
      const hoverIt = !hover
        ? undefined
        : 'arc' in hover
          ? () =>
              host
                .panel()
                .getByRole('button', { name: new RegExp(`^${hover.arc}:`) })
                .hover()
          : () => hoverRibbon(host, hover.ribbon);
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
  for (const file of await renderChordScreenshots()) {
    console.log(`wrote ${file}`);
  }
}
