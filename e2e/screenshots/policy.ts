/**
 * README and plugin.json screenshots of flowlens-policy-panel, rendered from its built dist/ through the
 * panel host, on the backend's real answers for flowgen's hour (plugins/policy-panel/src/test/
 * backendFrames.json, which a backend test keeps equal to what the backend answers). Run after
 * `npm run build`:
 *
 *   npx tsx e2e/screenshots/policy.ts        # writes plugins/policy-panel/src/img/*.png
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LaunchedPanelHost, launchPanelHost } from '../host/launch.ts';
import type { PanelSpec, SimpleFrame } from '../host/panelSpec.ts';

const defaultOutDir = resolve(import.meta.dirname, '../../plugins/policy-panel/src/img');
const answersFile = resolve(import.meta.dirname, '../../plugins/policy-panel/src/test/backendFrames.json');

type Recommendation = 'k8s-np' | 'anp-deny-applied';

function framesOf(recommendation: Recommendation): SimpleFrame[] {
  const answers = JSON.parse(readFileSync(answersFile, 'utf8')) as Record<Recommendation, SimpleFrame[]>;
  return answers[recommendation];
}

interface Shot {
  file: string;
  spec: PanelSpec;
  /** Clicks to make before the picture: what a reviewer would have done. */
  prepare?: (host: LaunchedPanelHost) => Promise<void>;
}

const label = (host: LaunchedPanelHost, name: string | RegExp) =>
  host
    .panel()
    .getByRole('checkbox', { name, exact: typeof name === 'string' })
    .locator('xpath=ancestor::label[1]');

const shots: Shot[] = [
  {
    file: 'policy-review-dark.png',
    spec: { pluginId: 'flowlens-policy-panel', frames: framesOf('k8s-np'), theme: 'dark', width: 1200, height: 640 },
    prepare: async (host) => {
      await label(host, 'flowlens-debug-toolbox-e005b5').click();
    },
  },
  {
    file: 'policy-review-rules-light.png',
    spec: {
      pluginId: 'flowlens-policy-panel',
      frames: framesOf('anp-deny-applied'),
      theme: 'light',
      width: 1200,
      height: 720,
      options: { initialSelection: 'none' },
    },
    prepare: async (host) => {
      await label(host, /^bookinfo \(/).click();
      await host
        .panel()
        .getByRole('button', { name: /^Show the rules and observed connections of flowlens-productpage-v1/ })
        .first()
        .click();
      await label(host, /^allow-egress-2:/).click();
    },
  },
  {
    file: 'policy-review-stacked-dark.png',
    spec: {
      pluginId: 'flowlens-policy-panel',
      frames: framesOf('anp-deny-applied'),
      theme: 'dark',
      width: 620,
      height: 820,
      options: { layout: 'auto' },
    },
  },
];

/** Renders each shot and writes it as a PNG; returns the files written. */
export async function renderPolicyScreenshots(outDir = defaultOutDir): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const host = await launchPanelHost();
  const written: string[] = [];
  try {
    for (const shot of shots) {
      await host.render(shot.spec);
      await shot.prepare?.(host);
      const path = resolve(outDir, shot.file);
      await host.panel().screenshot({ path });
      written.push(path);
    }
    await host.assertNoProblems();
  } finally {
    await host.close();
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of await renderPolicyScreenshots()) {
    console.log(`wrote ${file}`);
  }
}
