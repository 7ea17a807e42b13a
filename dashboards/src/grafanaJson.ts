/**
 * The small slice of Grafana's dashboard JSON model these dashboards use, and helpers that fill the
 * parts every panel repeats (datasource through the variable, grid positions, standard field config).
 */
export type Json = Record<string, unknown>;

export const datasourceType = 'flowlens-flows-datasource';
/** Every query goes through the datasource variable: no uid is ever hard-coded. */
export const datasourceRef = { type: datasourceType, uid: '${datasource}' };

export interface PanelSize {
  w: number;
  h: number;
}

export interface Panel extends Json {
  type: string;
  title: string;
  gridPos?: { x: number; y: number; w: number; h: number };
}

/** Places panels left to right in Grafana's 24-column grid, wrapping like a text flow. */
export function layout(rows: Array<Array<{ panel: Panel; size: PanelSize }>>): Panel[] {
  const placed: Panel[] = [];
  let y = 0;
  let id = 1;
  for (const row of rows) {
    let x = 0;
    let rowHeight = 0;
    for (const { panel, size } of row) {
      if (x + size.w > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      placed.push({ ...panel, id: id++, gridPos: { x, y, w: size.w, h: size.h } });
      x += size.w;
      rowHeight = Math.max(rowHeight, size.h);
    }
    y += rowHeight;
  }
  return placed;
}

/** The newest dashboard schemaVersion of Grafana 11.0.0, the oldest Grafana our panels support. */
export const oldestGrafanaSchemaVersion = 39;

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  panels: Panel[];
  variables: Json[];
  annotations?: Json[];
  time?: { from: string; to: string };
  refresh?: string;
}

export function dashboard(spec: DashboardSpec): Json {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['flowlens'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    // The newest Grafana 11.0 reads (newer Grafana migrates forward). 40 and 41 only make `refresh` a
    // string and drop `timepicker.time_options`, which these dashboards already satisfy.
    schemaVersion: oldestGrafanaSchemaVersion,
    version: 1,
    refresh: spec.refresh ?? '30s',
    time: spec.time ?? { from: 'now-1h', to: 'now' },
    timepicker: {},
    links: [
      {
        title: 'FlowLens',
        type: 'dashboards',
        tags: ['flowlens'],
        asDropdown: true,
        includeVars: true,
        keepTime: true,
        icon: 'external link',
        targetBlank: false,
        tooltip: '',
        url: '',
      },
    ],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
        ...(spec.annotations ?? []),
      ],
    },
    templating: { list: spec.variables },
    panels: spec.panels,
  };
}
