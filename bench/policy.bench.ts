// npm run bench -- policy
// Time to first render of the policy review panel (built dist/module.js in the panel host, headless
// Chromium) for 10 / 100 / 1000 recommended policies, against the named baseline "plain <pre> of the
// YAML": the same policies' YAML as one text node in a <pre> of the same size, in the same page, without
// our code — the least a page showing the recommendation must do. Also: unticking a policy until the
// new YAML is painted.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { launchPanelHost, type LaunchedPanelHost, type PanelSpec } from '../e2e/fixtures.ts';
import { type SyntheticFrame, syntheticRecommendation } from '../plugins/policy-panel/src/test/syntheticPolicies.ts';

const repoRoot = join(import.meta.dirname, '..');
const sizes = [10, 100, 1000];
const warmups = 2;
const runs = 7;
const width = 1200;
const height = 800;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

/** Lets the previous render's raster finish and collects its garbage, so neither bills the next one. */
async function settle(host: LaunchedPanelHost): Promise<void> {
  await host.unmount('bench');
  await host.page.evaluate(() => document.getElementById('policy-baseline')?.remove());
  await host.heapUsedBytes();
  await host.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
}

/** One fresh mount through the host: its renderMs runs from the call until the commit is painted. */
async function measureOurs(
  host: LaunchedPanelHost,
  frame: SyntheticFrame
): Promise<{ renderMs: number; prepareMs: number }> {
  const spec: PanelSpec = { pluginId: 'flowlens-policy-panel', frames: [frame], width, height, slot: 'bench' };
  const result = await host.render(spec);
  if (result.panelError) {
    throw new Error(`the policy panel threw: ${result.panelError}`);
  }
  return { renderMs: result.renderMs, prepareMs: result.prepareMs };
}

/** The baseline, timed like the host times panels: from the call until the frame holding the <pre> is painted. */
async function measureBaseline(host: LaunchedPanelHost, yaml: string): Promise<number> {
  // No named helpers in here: tsx wraps them in a __name() the page does not have.
  return host.page.evaluate(
    async ({ text, size }) => {
      const start = performance.now();
      const pre = document.createElement('pre');
      pre.id = 'policy-baseline';
      pre.style.cssText = `position:absolute;left:0;top:0;margin:0;width:${size.width}px;height:${size.height}px;overflow:auto;font:12px monospace;background:#111217;color:#ccccdc`;
      pre.textContent = text;
      document.body.appendChild(pre);
      await new Promise((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(undefined);
          channel.port2.postMessage(undefined);
        })
      );
      return performance.now() - start;
    },
    { text: yaml, size: { width, height } }
  );
}

/** What a reviewer feels: untick the first policy until the shorter YAML is painted. */
async function timeUntick(host: LaunchedPanelHost): Promise<number> {
  return host.page.evaluate(async () => {
    const box = document.querySelector<HTMLInputElement>('[data-panel-slot="bench"] ul input[type="checkbox"]')!;
    const start = performance.now();
    box.click();
    await new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(undefined);
        channel.port2.postMessage(undefined);
      })
    );
    return performance.now() - start;
  });
}

export async function run(): Promise<void> {
  if (!existsSync(join(repoRoot, 'plugins', 'policy-panel', 'dist', 'module.js'))) {
    throw new Error('plugins/policy-panel/dist/module.js is missing: run `npm run build` first');
  }
  const host = await launchPanelHost();
  try {
    const load = loadavg().map((value) => value.toFixed(1));
    console.log(
      `panel ${width}×${height}, median of ${runs} fresh mounts each, taking turns, after ${warmups} warm-ups, production React; ` +
        `${cpus().length} CPUs, load average ${load.join(' ')} (timings scale with it)`
    );
    console.log('policies  YAML lines │ first frame: ours  baseline   ratio │ host prepare │ untick→paint');
    for (const count of sizes) {
      const frame = syntheticRecommendation(count);
      const yaml = (frame.fields.find((field) => field.name === 'yaml')!.values as string[]).join('---\n');
      const ours: number[] = [];
      const prepare: number[] = [];
      const baseline: number[] = [];
      const untick: number[] = [];
      for (let i = 0; i < warmups + runs; i++) {
        await settle(host);
        const mine = await measureOurs(host, frame);
        const toggled = await timeUntick(host);
        await settle(host);
        const theirs = await measureBaseline(host, yaml);
        if (i >= warmups) {
          ours.push(mine.renderMs);
          prepare.push(mine.prepareMs);
          untick.push(toggled);
          baseline.push(theirs);
        }
      }
      const ratio = (median(ours) / median(baseline)).toFixed(2);
      console.log(
        `${String(count).padStart(8)} ${String(yaml.split('\n').length).padStart(11)} │ ` +
          `${ms(median(ours)).padStart(17)} ${ms(median(baseline))} ${`${ratio}×`.padStart(7)} │ ` +
          `${ms(median(prepare)).padStart(12)} │ ${ms(median(untick))}`
      );
    }
    console.log("first frame: the host's renderMs — frames → PanelData (host prepare), our model (YAML read,");
    console.log('  rules, groups), the list and the YAML committed and painted; baseline: the same YAML set as');
    console.log('  the text of one <pre> of the same size until painted.');
    console.log('untick→paint: a click on the first policy checkbox until the new YAML is painted.');
  } finally {
    await host.close();
  }
}
