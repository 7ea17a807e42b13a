import { datasourceRef, type Json, type Panel } from './grafanaJson.ts';

interface PanelBase {
  title: string;
  description: string;
  targets: Json[];
  unit?: string;
  decimals?: number;
  mappings?: Json[];
  links?: Json[];
  overrides?: Json[];
  /** Minimum interval for $__interval, e.g. '1m' for "per minute" panels. */
  interval?: string;
  /** Links in the panel's header (to another dashboard), beside the field config's data links. */
  panelLinks?: Json[];
}

function fieldConfig(base: PanelBase, custom: Json = {}, extraDefaults: Json = {}): Json {
  return {
    defaults: {
      ...(base.unit ? { unit: base.unit } : {}),
      ...(base.decimals !== undefined ? { decimals: base.decimals } : {}),
      mappings: base.mappings ?? [],
      links: base.links ?? [],
      color: { mode: 'palette-classic' },
      custom,
      ...extraDefaults,
    },
    overrides: base.overrides ?? [],
  };
}

function panel(type: string, base: PanelBase, options: Json, fieldConfigJson: Json): Panel {
  return {
    type,
    title: base.title,
    description: base.description,
    datasource: datasourceRef,
    targets: base.targets,
    ...(base.interval ? { interval: base.interval } : {}),
    ...(base.panelLinks ? { links: base.panelLinks } : {}),
    options,
    fieldConfig: fieldConfigJson,
  };
}

export function stat(base: PanelBase, color = 'blue'): Panel {
  return panel(
    'stat',
    base,
    {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      orientation: 'auto',
      textMode: 'value',
      colorMode: 'background',
      graphMode: 'none',
      justifyMode: 'center',
      wideLayout: true,
    },
    fieldConfig(
      base,
      {},
      { color: { mode: 'fixed', fixedColor: color }, thresholds: { mode: 'absolute', steps: [{ color, value: null }] } }
    )
  );
}

/**
 * Flow records arrive when the exporter reports a connection, so buckets are sparse: a mean over them
 * says little (Theia issue #58) and a line drawn across an empty bucket invents traffic. Hence no mean
 * in the legend and `spanNulls: false`. Empty buckets become gaps without a fixed `insertNulls`: Grafana
 * disconnects wherever two points lie further apart than the time field's `interval`, which our backend
 * sets to the query's bucket width — a fixed threshold would be wrong as soon as the range changed it.
 */
export function timeseries(base: PanelBase, stacked = false): Panel {
  return panel(
    'timeseries',
    base,
    {
      legend: { displayMode: 'table', placement: 'right', calcs: ['max'], showLegend: true },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    fieldConfig(base, {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: stacked ? 40 : 10,
      gradientMode: 'none',
      showPoints: 'never',
      spanNulls: false,
      stacking: { mode: stacked ? 'normal' : 'none', group: 'A' },
      axisSoftMin: 0,
    })
  );
}

export function barGauge(base: PanelBase): Panel {
  return panel(
    'bargauge',
    base,
    {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true },
      orientation: 'horizontal',
      displayMode: 'gradient',
      showUnfilled: true,
      valueMode: 'color',
      namePlacement: 'auto',
      sizing: 'auto',
      minVizHeight: 16,
      maxVizHeight: 300,
    },
    fieldConfig(base, {}, { color: { mode: 'continuous-BlPu' }, min: 0 })
  );
}

export function pieChart(base: PanelBase): Panel {
  return panel(
    'piechart',
    base,
    {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true },
      pieType: 'donut',
      legend: { displayMode: 'table', placement: 'right', values: ['value', 'percent'], showLegend: true },
      tooltip: { mode: 'single', sort: 'none' },
      displayLabels: [],
    },
    fieldConfig(base)
  );
}

export function table(base: PanelBase, sortBy?: string): Panel {
  return panel(
    'table',
    base,
    {
      showHeader: true,
      cellHeight: 'sm',
      footer: { show: false, reducer: ['sum'], countRows: false, fields: '' },
      ...(sortBy ? { sortBy: [{ displayName: sortBy, desc: true }] } : {}),
    },
    fieldConfig(base, { align: 'auto', cellOptions: { type: 'auto' }, inspect: true, filterable: true })
  );
}

/** FlowLens Sankey: nodes keyed by column, top links with "Other" (options of flowlens-sankey-panel). */
export function sankey(
  base: PanelBase & { source: string; target: string; hops?: string[]; value: string; topLinks?: number }
): Panel {
  return panel(
    'flowlens-sankey-panel',
    base,
    {
      sourceField: base.source,
      targetField: base.target,
      hopFields: base.hops ?? [],
      valueField: base.value,
      valueReducer: 'sum',
      topLinks: base.topLinks ?? 50,
      otherLabel: 'Other',
      emptyNames: 'label',
      emptyLabel: '(none)',
      nodeAlign: 'columns',
      nodeSort: 'auto',
      showHeaders: true,
      nodeLabels: 'name',
      linkColor: 'source',
      renderer: 'auto',
    },
    fieldConfig(base)
  );
}

/** FlowLens chord: directed ribbons, optionally coloured by a field such as the rule action. */
export function chord(
  base: PanelBase & {
    source: string;
    target: string;
    value: string;
    colorField?: string;
    detailFields?: string[];
    topGroups?: number;
  }
): Panel {
  return panel(
    'flowlens-chord-panel',
    base,
    {
      sourceField: base.source,
      targetField: base.target,
      valueField: base.value,
      ...(base.colorField
        ? // A pair with allowed and dropped traffic shows both, as bands (the panel's default colorPick).
          { colorField: base.colorField, colorBy: 'field' }
        : { colorBy: 'group' }),
      detailFields: base.detailFields ?? [],
      ribbons: 'directed',
      arrowHeads: true,
      arcSize: 'both',
      groupSort: 'value',
      topGroups: base.topGroups ?? 30,
      selfFlows: true,
      showLabels: true,
      showLegend: true,
    },
    fieldConfig(base)
  );
}

/** FlowLens policy review: recommended policies to pick, with their YAML to copy or download. */
export function policyReview(base: PanelBase & { fileName: string }): Panel {
  return panel(
    'flowlens-policy-panel',
    base,
    { initialSelection: 'all', layout: 'auto', showObserved: true, fileName: base.fileName },
    fieldConfig(base)
  );
}

/** A link to another FlowLens dashboard keeping the time range, datasource, clusters and namespaces. */
export function dashboardLink(title: string, uid: string): Json {
  return {
    title,
    url: `/d/${uid}?\${__url_time_range}&\${datasource:queryparam}&\${cluster:queryparam}&\${namespace:queryparam}`,
    targetBlank: false,
  };
}

export function dashboardList(title: string, description: string): Panel {
  return {
    type: 'dashlist',
    title,
    description,
    options: {
      showStarred: false,
      showRecentlyViewed: false,
      showSearch: true,
      showHeadings: false,
      includeVars: true,
      keepTime: true,
      maxItems: 20,
      query: '',
      tags: ['flowlens'],
      folderUID: '',
    },
  };
}

/** A link to another FlowLens dashboard with the clicked value as one of its variables. */
export function drillDown(title: string, uid: string, variable: string, value = '${__value.raw}'): Json {
  return {
    title,
    url: `/d/${uid}?var-${variable}=${value}&\${__url_time_range}&\${datasource:queryparam}&\${cluster:queryparam}&\${excludedNamespaces:queryparam}`,
    targetBlank: false,
  };
}

export function linksOnFields(fields: string[], links: Json[]): Json[] {
  return fields.map((name) => ({
    matcher: { id: 'byName', options: name },
    properties: [{ id: 'links', value: links }],
  }));
}

export function mappingsOnFields(fields: string[], mappings: Json[]): Json[] {
  return fields.map((name) => ({
    matcher: { id: 'byName', options: name },
    properties: [{ id: 'mappings', value: mappings }],
  }));
}
