// npm run bench -- sankey: time to first render of flowlens-sankey-panel in headless Chromium (through
// the panel host, as Grafana loads it) against plain d3-sankey with default settings drawing SVG, on the
// same data in the same page, plus the JS heap across re-renders. Figures are printed, not asserted.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { launchPanelHost, type LaunchedPanelHost } from '../e2e/host/launch.ts';
import { clusterFlows, type FlowFrameJson } from '../plugins/sankey-panel/src/test/syntheticFlows.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const sizes = [500, 5_000, 20_000];
const width = 1200;
const height = 700;
const targets: Record<number, number> = { 5_000: 250, 20_000: 1_000 };

/**
 * The baseline, run in the host page without any FlowLens code: the same rows summed per (source,
 * target) with the same (column, name) node keys, then d3-sankey as it comes (nodeWidth 24, padding 8,
 * justify, 6 iterations) and one SVG element per node, label and link, as in d3's classic example.
 * Timed like the host times a panel: from the call until the frame with the new DOM is painted.
 */
const baselineSource = `
import { sankey, sankeyLinkHorizontal } from 'd3-sankey';

const svgNs = 'http://www.w3.org/2000/svg';
const afterNextPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    })
  );

window.plainSankey = async (width, height) => {
  const [sources, targets, values] = window.sankeyBenchColumns;
  document.getElementById('plain-sankey')?.remove();
  const start = performance.now();
  const nodeIndex = new Map();
  const nodes = [];
  const nodeFor = (key, name) => {
    let index = nodeIndex.get(key);
    if (index === undefined) {
      index = nodes.length;
      nodeIndex.set(key, index);
      nodes.push({ name });
    }
    return index;
  };
  const pairs = new Map();
  for (let row = 0; row < values.length; row++) {
    const source = nodeFor('0:' + sources[row], sources[row]);
    const target = nodeFor('1:' + targets[row], targets[row]);
    const key = source * 4194304 + target;
    const pair = pairs.get(key);
    if (pair) pair.value += values[row];
    else pairs.set(key, { source, target, value: values[row] });
  }
  const graph = sankey().size([width, height])({ nodes, links: [...pairs.values()] });

  const box = document.createElement('div');
  box.id = 'plain-sankey';
  box.style.cssText = 'position:fixed;left:0;top:0;background:#181b1f';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const path = sankeyLinkHorizontal();
  for (const link of graph.links) {
    const element = document.createElementNS(svgNs, 'path');
    element.setAttribute('d', path(link));
    element.setAttribute('fill', 'none');
    element.setAttribute('stroke', '#8ab8ff');
    element.setAttribute('stroke-opacity', '0.4');
    element.setAttribute('stroke-width', Math.max(1, link.width));
    svg.append(element);
  }
  for (const node of graph.nodes) {
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('x', node.x0);
    rect.setAttribute('y', node.y0);
    rect.setAttribute('width', node.x1 - node.x0);
    rect.setAttribute('height', Math.max(0.5, node.y1 - node.y0));
    rect.setAttribute('fill', '#73bf69');
    svg.append(rect);
    const text = document.createElementNS(svgNs, 'text');
    text.setAttribute('x', node.x0 < width / 2 ? node.x1 + 6 : node.x0 - 6);
    text.setAttribute('y', (node.y0 + node.y1) / 2);
    text.setAttribute('text-anchor', node.x0 < width / 2 ? 'start' : 'end');
    text.setAttribute('fill', '#ccccdc');
    text.textContent = node.name;
    svg.append(text);
  }
  box.append(svg);
  document.body.append(box);
  await afterNextPaint();
  const ms = performance.now() - start;
  box.remove();
  return ms;
};

/** The longest main-thread task (ms) seen since the last call: how long the tab could not respond. */
let longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
}).observe({ type: 'longtask' });
window.takeLongestTask = () => {
  const value = longest;
  longest = 0;
  return value;
};
`;

declare global {
  interface Window {
    sankeyBenchColumns: [string[], string[], number[]];
    plainSankey(width: number, height: number): Promise<number>;
    takeLongestTask(): number;
  }
}

async function baselineBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: baselineSource, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
// The browser reports only tasks over 50 ms as long tasks.
const longTask = (value: number) => (value > 0 ? ms(value) : '  < 50 ms');

function panelSpec(frame: FlowFrameJson, topLinks: number, renderWidth = width) {
  return {
    pluginId: 'flowlens-sankey-panel',
    frames: [frame],
    options: { topLinks },
    fieldConfig: { defaults: { unit: 'bytes' } },
    width: renderWidth,
    height,
  };
}

/** Median render time of the panel; each timed render follows a render of other data, as a refresh does. */
async function timePanel(host: LaunchedPanelHost, frame: FlowFrameJson, topLinks: number, runs: number) {
  const times: number[] = [];
  const longTasks: number[] = [];
  for (let run = 0; run < runs; run++) {
    await host.render(panelSpec(clusterFlows({ links: 50, seed: 100 + run }), topLinks, width - 1));
    await host.page.evaluate(() => window.takeLongestTask());
    const result = await host.render(panelSpec(frame, topLinks));
    times.push(result.renderMs);
    longTasks.push(await host.page.evaluate(() => window.takeLongestTask()));
  }
  return { ms: median(times), longestTask: Math.max(...longTasks) };
}

async function timeBaseline(host: LaunchedPanelHost, frame: FlowFrameJson, runs: number) {
  const columns = frame.fields.map((field) => field.values) as [string[], string[], number[]];
  await host.page.evaluate((data) => (window.sankeyBenchColumns = data), columns);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(await host.page.evaluate(([w, h]) => window.plainSankey(w, h), [width, height] as const));
  }
  return median(times);
}

async function memoryAcrossRerenders(host: LaunchedPanelHost) {
  // A dashboard refresh: the same panel, new data of the same shape, 50 times.
  const frames = [clusterFlows({ links: 5_000, seed: 1 }), clusterFlows({ links: 5_000, seed: 2 })];
  await host.render(panelSpec(frames[0]!, 0));
  const afterOne = await host.heapUsedBytes();
  let afterTen = 0;
  for (let render = 2; render <= 50; render++) {
    await host.render(panelSpec(frames[render % 2]!, 0, width - (render % 7)));
    if (render === 10) {
      afterTen = await host.heapUsedBytes();
    }
  }
  const afterFifty = await host.heapUsedBytes();
  return { afterOne, afterTen, afterFifty };
}

export async function run(): Promise<void> {
  const [load] = loadavg();
  console.log(
    `Chromium headless, ${width}×${height} panel, 2-column pod → service data; load average ${load?.toFixed(1)}`
  );
  console.log(
    'ours = flowlens-sankey-panel through the panel host (all links drawn, top links 0; and its default top 50)'
  );
  console.log('baseline = plain d3-sankey (default settings) + SVG, same rows, same page\n');

  const host = await launchPanelHost();
  try {
    await host.page.addScriptTag({ content: await baselineBundle() });
    // Warm-up: module load, @grafana/data initialisation, JIT for both.
    await host.render(panelSpec(clusterFlows({ links: 500, seed: 99 }), 0));
    await timeBaseline(host, clusterFlows({ links: 500, seed: 99 }), 1);

    console.log('links   ours (all)   ours (top 50)   baseline      baseline ÷ ours   longest task (ours, all)');
    for (const links of sizes) {
      const frame = clusterFlows({ links });
      const runs = links >= 20_000 ? 3 : 5;
      const all = await timePanel(host, frame, 0, runs);
      const top = await timePanel(host, frame, 50, runs);
      const baseline = await timeBaseline(host, frame, links >= 20_000 ? 1 : 3);
      const target = targets[links];
      const verdict = target ? `  (target ≤ ${target} ms: ${all.ms <= target ? 'met' : 'MISSED'})` : '';
      console.log(
        `${String(links).padStart(6)} ${ms(all.ms)}    ${ms(top.ms)}     ${ms(baseline)}   ${(baseline / all.ms).toFixed(1).padStart(8)}×       ${longTask(all.longestTask)}${verdict}`
      );
    }

    const heap = await memoryAcrossRerenders(host);
    const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
    const change = (from: number, to: number) =>
      `${to >= from ? '+' : ''}${mb(to - from)} (${((to / from - 1) * 100).toFixed(1)}%)`;
    console.log(
      `\nJS heap after forced GC, 5,000 links all drawn, new data each render: after 1 render ${mb(heap.afterOne)}, ` +
        `after 10 ${mb(heap.afterTen)}, after 50 ${mb(heap.afterFifty)}; 1 → 50: ${change(heap.afterOne, heap.afterFifty)}, ` +
        `10 → 50: ${change(heap.afterTen, heap.afterFifty)}`
    );
  } finally {
    await host.close();
  }
}
