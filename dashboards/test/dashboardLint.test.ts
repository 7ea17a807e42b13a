import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardJson } from '../src/build.ts';
import { type Json, oldestGrafanaSchemaVersion } from '../src/grafanaJson.ts';
import { dashboards } from '../src/index.ts';

const corePanels = new Set([
  'stat',
  'timeseries',
  'table',
  'bargauge',
  'piechart',
  'dashlist',
  'text',
  'barchart',
  'gauge',
  'row',
  // Grafana's built-in node graph: the service map's nodes and edges frames (datasource serviceMap query).
  'nodeGraph',
]);
const ourPanels = new Set(['flowlens-sankey-panel', 'flowlens-chord-panel', 'flowlens-policy-panel']);
const flowCharts = new Set(['flowlens-sankey-panel', 'flowlens-chord-panel']);
const builtInVariables = new Set([
  '__timeFilter',
  '__timeFilter_ms',
  '__timeInterval',
  '__timeGroup',
  '__interval_s',
  '__interval',
  '__conditionalAll',
  '__timeFrom',
  '__timeTo',
  '__timeRange_s',
  '__value',
  '__data',
  '__field',
  '__url_time_range',
  '__all',
]);

/** Every string in a JSON tree, with its path, so checks can look inside queries, links and options. */
function strings(node: unknown, path = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([key, value]) => strings(value, `${path}.${key}`));
  return [];
}

function datasourceRefs(node: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(node)) return node.flatMap((item, i) => datasourceRefs(item, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) =>
      key === 'datasource' ? [[`${path}.${key}`, value] as [string, unknown]] : datasourceRefs(value, `${path}.${key}`)
    );
  }
  return [];
}

describe.each(Object.entries(dashboards))('dashboard %s', (name, dashboard) => {
  it('is committed exactly as dashboards/src generates it (run npm run dashboards)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', `${name}.json`), 'utf8')).toBe(dashboardJson(dashboard));
  });

  // Grafana 11.0 reads schemaVersion 39 and newer Grafana migrates it forward. Migrations 40 and 41
  // would turn a non-string refresh into "" and drop timepicker.time_options: keep both in that shape.
  it('is at the schemaVersion Grafana 11.0 reads, already in the shape later migrations give', () => {
    expect(dashboard.schemaVersion).toBe(oldestGrafanaSchemaVersion);
    expect(typeof dashboard.refresh).toBe('string');
    expect(dashboard.timepicker as Json).not.toHaveProperty('time_options');
  });

  it('has a flowlens- uid and the flowlens tag', () => {
    expect(dashboard.uid).toMatch(/^flowlens-[a-z-]+$/);
    expect(dashboard.tags).toContain('flowlens');
  });

  it('reaches its datasource only through the datasource variable', () => {
    for (const [path, ref] of datasourceRefs(dashboard)) {
      const { type, uid } = ref as { type?: string; uid?: string };
      // Grafana's own: annotations, and the Dashboard datasource that shows another panel's answer again.
      const allowed =
        (type === 'flowlens-flows-datasource' && uid === '${datasource}') ||
        (type === 'grafana' && uid === '-- Grafana --') ||
        (type === 'datasource' && uid === '-- Dashboard --');
      expect(allowed, `${path}: ${JSON.stringify(ref)}`).toBe(true);
    }
  });

  it('uses only core panels and ours, each with a title and a description', () => {
    for (const panel of dashboard.panels as Json[]) {
      expect(corePanels.has(String(panel.type)) || ourPanels.has(String(panel.type)), String(panel.type)).toBe(true);
      expect(String(panel.title)).not.toBe('');
      expect(String(panel.description ?? '')).not.toBe('');
    }
  });

  // Theia issue #58: sparse buckets make a mean misleading and a line across an empty bucket invents
  // traffic. Gaps come from the backend's time-field interval, never from a fixed insertNulls.
  it('draws time series without a mean in the legend and without joining points across gaps', () => {
    for (const panel of (dashboard.panels as Json[]).filter((p) => p.type === 'timeseries')) {
      const legend = (panel.options as { legend: { calcs: string[] } }).legend;
      const custom = (panel.fieldConfig as { defaults: { custom: Json } }).defaults.custom;
      expect(legend.calcs, String(panel.title)).not.toContain('mean');
      expect(custom.spanNulls, String(panel.title)).toBe(false);
      expect(custom, String(panel.title)).not.toHaveProperty('insertNulls');
    }
  });

  it('lays panels out without overlaps inside the 24-column grid', () => {
    const cells = new Set<string>();
    for (const panel of dashboard.panels as Json[]) {
      const { x, y, w, h } = panel.gridPos as { x: number; y: number; w: number; h: number };
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`), `${String(panel.title)} overlaps at ${i},${j}`).toBe(false);
          cells.add(`${i},${j}`);
        }
      }
    }
  });

  it('uses only variables it defines (or Grafana and datasource built-ins)', () => {
    const defined = new Set((dashboard.templating as { list: Json[] }).list.map((variable) => String(variable.name)));
    for (const [path, text] of strings(dashboard)) {
      for (const match of text.matchAll(/\$\{?(\w+)/g)) {
        const used = match[1]!;
        expect(defined.has(used) || builtInVariables.has(used), `${path} uses $${used}`).toBe(true);
      }
    }
  });

  it('reuses only answers of panels it has, by their id', () => {
    const panels = dashboard.panels as Json[];
    for (const panel of panels) {
      for (const target of (panel.targets as Json[] | undefined) ?? []) {
        if ((target.datasource as Json | undefined)?.uid === '-- Dashboard --') {
          const source = panels.find((other) => other.id === target.panelId);
          expect(source, `${String(panel.title)} reuses panel ${String(target.panelId)}`).toBeDefined();
          expect(source).not.toBe(panel);
        }
      }
    }
  });

  it('links only to FlowLens dashboards that exist', () => {
    const uids = new Set(Object.values(dashboards).map((d) => d.uid));
    for (const [path, text] of strings(dashboard)) {
      for (const match of text.matchAll(/\/d\/([\w-]+)/g)) {
        expect(uids.has(match[1]!), `${path} links to /d/${match[1]}`).toBe(true);
      }
    }
  });
});

describe('the dashboard set', () => {
  it('links to the policy recommendation from Home and Network Policy', () => {
    for (const name of ['home', 'network-policy']) {
      const urls = strings(dashboards[name]).map(([, text]) => text);
      expect(
        urls.some((text) => text.startsWith('/d/flowlens-policy-recommendation?')),
        name
      ).toBe(true);
    }
  });

  it('has unique uids and titles', () => {
    const all = Object.values(dashboards);
    expect(new Set(all.map((d) => d.uid)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.title)).size).toBe(all.length);
  });

  it('keeps chord and Sankey queries bounded', () => {
    for (const dashboard of Object.values(dashboards)) {
      for (const panel of (dashboard.panels as Json[]).filter((p) => flowCharts.has(String(p.type)))) {
        for (const target of panel.targets as Json[]) {
          expect(
            (target.flows as Json | undefined)?.topN,
            `${String(dashboard.uid)} / ${String(panel.title)}`
          ).toBeGreaterThan(0);
        }
      }
    }
  });
});
