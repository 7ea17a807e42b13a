// npm run bench -- chord
// Time to first render of the chord panel (built dist/module.js in the panel host, headless Chromium)
// at 50 / 200 / 500 groups, against the named baseline "plain d3 chordDirected + SVG": the same pairs
// laid out by d3-chord and drawn as one SVG path per ribbon and arc, in the same page, without our code.
// Issue 7 targets: 200 groups (≈ 8,000 ribbons) ≤ 100 ms; 500 groups without freezing the tab.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchPanelHost, type LaunchedPanelHost, type PanelSpec } from '../e2e/fixtures.ts';
import { podTraffic, type SyntheticFrame } from '../plugins/chord-panel/src/test/syntheticFlows.ts';

const repoRoot = join(import.meta.dirname, '..');
const sizes = [50, 200, 500];
const peersPerGroup = 40;
const warmups = 2;
const runs = 7;
const width = 900;
const height = 900;
const options = { topGroups: 0, groupSort: 'name', ribbons: 'directed', arcSize: 'both', showLabels: true };

/**
 * The baseline, bundled for the page: d3-chord's chordDirected, ribbonArrow and d3-shape's arc into one
 * SVG with a text label per group, the way the d3 examples draw a directed chord; timed like the host
 * times panels (from the call until the frame holding the new DOM is painted).
 */
const baselineSource = `
import { chordDirected, ribbonArrow } from 'd3-chord';
import { arc } from 'd3-shape';

const afterNextPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    })
  );

window.chordBaseline = async ({ sources, targets, values, width, height }) => {
  document.getElementById('chord-baseline')?.remove();
  const start = performance.now();
  const names = [...new Set([...sources, ...targets])].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const matrix = names.map(() => new Array(names.length).fill(0));
  sources.forEach((source, row) => (matrix[index.get(source)][index.get(targets[row])] += values[row]));
  const outer = Math.min(width, height) / 2 - 90;
  const inner = outer - 10;
  // The same gaps and arrow heads as the panel, so both draw the same picture.
  const chords = chordDirected().padAngle(Math.min(0.04, (0.15 * 2 * Math.PI) / names.length))(matrix);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const root = document.createElementNS(ns, 'g');
  root.setAttribute('transform', 'translate(' + width / 2 + ',' + height / 2 + ')');
  svg.appendChild(root);
  const colors = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9', '#705da0'];
  const ribbon = ribbonArrow().radius(inner - 1).headRadius(Math.min(10, Math.max(3, inner * 0.04)));
  for (const chord of chords) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', ribbon(chord));
    path.setAttribute('fill', colors[chord.source.index % colors.length]);
    path.setAttribute('fill-opacity', '0.7');
    root.appendChild(path);
  }
  const groupArc = arc().innerRadius(inner).outerRadius(outer);
  for (const group of chords.groups) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', groupArc(group));
    path.setAttribute('fill', colors[group.index % colors.length]);
    root.appendChild(path);
    const label = document.createElementNS(ns, 'text');
    const angle = (group.startAngle + group.endAngle) / 2;
    label.setAttribute('transform', 'rotate(' + (angle * 180 / Math.PI - 90) + ') translate(' + (outer + 5) + ',0)' + (angle > Math.PI ? ' rotate(180)' : ''));
    label.setAttribute('text-anchor', angle > Math.PI ? 'end' : 'start');
    label.setAttribute('font-size', '10');
    label.setAttribute('fill', '#ccccdc');
    label.textContent = names[group.index];
    root.appendChild(label);
  }
  const container = document.createElement('div');
  container.id = 'chord-baseline';
  container.style.cssText = 'position:absolute;left:0;top:0;width:' + width + 'px;height:' + height + 'px;background:#111217';
  container.appendChild(svg);
  document.body.appendChild(container);
  await afterNextPaint();
  const renderMs = performance.now() - start;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve));
  const settledMs = performance.now() - start;
  container.remove();
  return { renderMs, settledMs, ribbons: chords.length };
};
`;

async function baselineBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: baselineSource, resolveDir: join(repoRoot, 'plugins', 'chord-panel'), loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
  });
  return result.outputFiles[0]!.text;
}

/**
 * Lets the previous render's raster finish and collects its garbage, so neither bills the next
 * measurement; each measurement starts in an empty page.
 */
async function settle(host: LaunchedPanelHost): Promise<void> {
  await host.unmount('bench');
  await host.heapUsedBytes();
  await host.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

interface Figures {
  /** Until the first frame is painted (ours: the host's renderMs). */
  firstMs: number;
  /** Until one frame later (ours: after the last ribbon batch, which follow the first beyond 10,000 ribbons). */
  paintedMs: number;
  /** Ours only: the host's applyFieldOverrides share of firstMs. */
  prepareMs?: number;
  ribbons?: number;
}

/** One fresh mount through the host, timed in the page, then followed until the last ribbon batch is painted. */
async function measureOurs(host: LaunchedPanelHost, frame: SyntheticFrame): Promise<Figures> {
  const spec: PanelSpec = { pluginId: 'flowlens-chord-panel', frames: [frame], options, width, height, slot: 'bench' };
  const result = await host.page.evaluate(async (panelSpec) => {
    const start = performance.now();
    const rendered = await window.flowlensHost.render(panelSpec);
    const slot = document.querySelector(`[data-panel-slot="${panelSpec.slot}"]`);
    const label = slot?.querySelector('svg[aria-label^="Chord diagram"]')?.getAttribute('aria-label') ?? '';
    const expected = Number(/(\d+) ribbons/.exec(label)?.[1] ?? 0);
    // No named helpers in here: tsx wraps them in a __name() the page does not have.
    while ((slot?.querySelectorAll('[data-ribbon]').length ?? 0) < expected) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve));
    return { rendered, paintedMs: performance.now() - start };
  }, spec);
  if (result.rendered.panelError) {
    throw new Error(`the chord panel threw: ${result.rendered.panelError}`);
  }
  return { firstMs: result.rendered.renderMs, paintedMs: result.paintedMs, prepareMs: result.rendered.prepareMs };
}

async function measureBaseline(host: LaunchedPanelHost, frame: SyntheticFrame): Promise<Figures> {
  const [sources, targets, values] = frame.fields.map((field) => field.values);
  const result = await host.page.evaluate(
    (input) =>
      (
        window as unknown as {
          chordBaseline: (i: unknown) => Promise<{ renderMs: number; settledMs: number; ribbons: number }>;
        }
      ).chordBaseline(input),
    { sources, targets, values, width, height }
  );
  return { firstMs: result.renderMs, paintedMs: result.settledMs, ribbons: result.ribbons };
}

/** Ours and the baseline take turns on the same data, so load on the machine hits both alike. */
async function compare(host: LaunchedPanelHost, frame: SyntheticFrame) {
  const ours: Figures[] = [];
  const baseline: Figures[] = [];
  for (let run = 0; run < warmups + runs; run++) {
    await settle(host);
    const mine = await measureOurs(host, frame);
    await settle(host);
    const theirs = await measureBaseline(host, frame);
    if (run >= warmups) {
      ours.push(mine);
      baseline.push(theirs);
    }
  }
  const summary = (samples: Figures[]) => ({
    firstMs: median(samples.map((sample) => sample.firstMs)),
    paintedMs: median(samples.map((sample) => sample.paintedMs)),
    prepareMs: median(samples.map((sample) => sample.prepareMs ?? 0)),
    ribbons: samples[0]?.ribbons ?? 0,
  });
  return { ours: summary(ours), baseline: summary(baseline) };
}

/** What a user feels after the first render: hovering an arc isolates its ribbons; time until painted. */
async function timeHover(host: LaunchedPanelHost): Promise<number> {
  const arcs = host.panel('bench').locator('[data-testid="chord-arcs"] path[role="button"]');
  const count = await arcs.count();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const arc = arcs.nth(Math.floor((i * count) / 5));
    const box = await arc.boundingBox();
    if (!box) {
      continue;
    }
    const started = await host.page.evaluate(() => performance.now());
    await host.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const painted = await host.page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))))
    );
    samples.push(painted - started);
    await host.page.mouse.move(1, 1);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  if (!existsSync(join(repoRoot, 'plugins', 'chord-panel', 'dist', 'module.js'))) {
    throw new Error('plugins/chord-panel/dist/module.js is missing: run `npm run build` first');
  }
  const host = await launchPanelHost();
  try {
    await host.page.addScriptTag({ content: await baselineBundle() });
    const load = loadavg().map((value) => value.toFixed(1));
    console.log(
      `panel ${width}×${height}, median of ${runs} fresh mounts each, taking turns, after ${warmups} warm-ups, production React; ` +
        `${cpus().length} CPUs, load average ${load.join(' ')} (timings scale with it)`
    );
    console.log(
      'groups  ribbons │ first frame: ours  baseline  ratio │ all painted: ours  baseline  ratio │ hover→paint'
    );
    for (const groups of sizes) {
      const frame = podTraffic(groups, peersPerGroup);
      const { ours, baseline } = await compare(host, frame);
      await measureOurs(host, frame);
      const hover = await timeHover(host);
      const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(6);
      console.log(
        `${String(groups).padStart(6)} ${String(baseline.ribbons).padStart(8)} │ ` +
          `${ms(ours.firstMs).padStart(15)} ${ms(baseline.firstMs)} ${ratio(ours.firstMs, baseline.firstMs)} │ ` +
          `${ms(ours.paintedMs).padStart(15)} ${ms(baseline.paintedMs)} ${ratio(ours.paintedMs, baseline.paintedMs)} │ ` +
          `${ms(hover)}   (host prepare ${ms(ours.prepareMs).trim()})`
      );
    }
    console.log("first frame: the host's renderMs — frames → PanelData (prepare), our data, layout, labels and");
    console.log('  React commit until the frame is painted; baseline: d3 chordDirected + SVG DOM until painted.');
    console.log('all painted: one more frame after that (ours: after the last ribbon batch; batches start');
    console.log('  beyond 10,000 ribbons), so raster work the first frame left to other threads is in it.');
    console.log('hover→paint: pointer onto an arc until its isolation is painted.');
  } finally {
    await host.close();
  }
}
