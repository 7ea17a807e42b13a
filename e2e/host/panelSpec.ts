/**
 * The contract between tests (Node) and the panel host page (browser): what a test asks the host to
 * render, and what the host reports back. Plain JSON shapes, like a dashboard's panel JSON and a
 * datasource response, so they cross `page.evaluate` unchanged and need no @grafana/* import in Node.
 */

/** Grafana's field type names (FieldType in @grafana/data), as they appear in JSON. */
export type FieldTypeName =
  'time' | 'number' | 'string' | 'boolean' | 'trace' | 'geo' | 'enum' | 'other' | 'frame' | 'nestedFrames';

/** Field config as saved in dashboard JSON (unit, decimals, color, thresholds, mappings, links, custom …). */
export type FieldConfigJSON = Record<string, unknown>;

/** A frame in the simple form: one entry per field, values in row order. */
export interface SimpleFrame {
  name?: string;
  refId?: string;
  meta?: Record<string, unknown>;
  fields: Array<{
    name: string;
    /** Guessed from the values when left out, as Grafana's createDataFrame does. */
    type?: FieldTypeName;
    values: unknown[];
    config?: FieldConfigJSON;
    labels?: Record<string, string>;
  }>;
}

/** A frame as Grafana's backend sends it to the browser (DataFrameJSON: schema plus column values). */
export interface FrameJSON {
  schema: {
    name?: string;
    refId?: string;
    meta?: Record<string, unknown>;
    fields: Array<{ name: string; type?: FieldTypeName; config?: FieldConfigJSON; labels?: Record<string, string> }>;
  };
  data?: {
    values: unknown[][];
    entities?: Array<{ NaN?: number[]; Undef?: number[]; Inf?: number[]; NegInf?: number[] } | null>;
    bases?: number[];
    factors?: number[];
    enums?: Array<string[] | null>;
    nanos?: Array<number[] | null>;
  };
}

/** A `/api/ds/query` response body: what Grafana's frontend receives from a backend datasource, per refId. */
export interface QueryResponseJSON {
  results: Record<string, { status?: number; frames?: FrameJSON[]; error?: string; errorSource?: string }>;
}

export interface FieldConfigSourceJSON {
  defaults?: FieldConfigJSON;
  overrides?: Array<{
    matcher: { id: string; options?: unknown };
    properties: Array<{ id: string; value?: unknown }>;
  }>;
}

/** Everything a dashboard would give one panel, minus the query: the host renders these frames as the query result. */
export interface PanelSpec {
  /** Plugin id from plugin.json, e.g. `flowlens-sankey-panel`; served from that plugin's dist/. */
  pluginId: string;
  /** The query result the panel gets (state Done). */
  frames?: Array<FrameJSON | SimpleFrame>;
  /**
   * Instead of `frames`: a whole backend response, read by @grafana/runtime's toDataQueryResponse as in
   * Grafana; a result with `error` gives the panel state Error and `data.errors`.
   */
  queryResponse?: QueryResponseJSON;
  /** Panel options; merged over the plugin's option defaults as Grafana does. */
  options?: Record<string, unknown>;
  /** Merged over the plugin's field config defaults as Grafana does. */
  fieldConfig?: FieldConfigSourceJSON;
  /** Size of the panel's content area in CSS pixels (what Grafana passes as width/height). Default 800×450. */
  width?: number;
  height?: number;
  /** Default `dark`, Grafana's default theme. */
  theme?: 'light' | 'dark';
  /** Dashboard variables by name; an array is a multi-value variable. */
  variables?: Record<string, string | string[]>;
  /** Grafana time strings (`now-6h`), ISO dates or epoch milliseconds. Default `now-6h` to `now`. */
  timeRange?: { from: string | number; to: string | number };
  /** `browser` (default), `utc` or an IANA zone. */
  timeZone?: string;
  title?: string;
  /** Panel id passed to the panel; default: the slot's position on the page, from 1. */
  id?: number;
  transparent?: boolean;
  /**
   * Which panel on the host page to render into (default `main`). Rendering into a new slot adds a
   * second panel below the others, as on a dashboard; rendering into an existing slot re-renders it.
   */
  slot?: string;
}

/** What the host records for assertions. `slot` names the panel that caused it. */
export type HostEvent =
  | {
      type: 'navigation';
      slot?: string;
      /** `locationService`: the panel called push/replace/partial; `link`: a click on an <a href>; `window.open`. */
      via: 'locationService' | 'link' | 'window.open';
      url: string;
      target?: string;
      /** History action for `locationService` navigations. */
      action?: 'PUSH' | 'REPLACE' | 'POP';
    }
  | { type: 'timeRangeChange'; slot: string; from: number; to: number }
  | { type: 'optionsChange'; slot: string; options: unknown }
  | { type: 'fieldConfigChange'; slot: string; fieldConfig: unknown }
  | {
      type: 'panelError';
      slot: string;
      renderCounter: number;
      message: string;
      stack?: string;
      componentStack?: string;
    }
  | { type: 'pageError'; message: string; stack?: string };

export interface RenderResult {
  /**
   * Milliseconds from the render call (after the plugin module is loaded) until the browser painted the
   * frame holding React's commit: frame preparation + React render and commit + layout and paint.
   */
  renderMs: number;
  /** The part of renderMs spent turning frames into PanelData (applyFieldOverrides and defaults). */
  prepareMs: number;
  /** Milliseconds this call waited for the plugin's module.js (and plugin.json); about 0 once loaded. */
  loadMs: number;
  /** The renderCounter the panel received; grows by one per render of the slot. */
  renderCounter: number;
  /** Set when the panel threw while rendering this time; the host showed "Panel plugin error". */
  panelError?: string;
}

export interface PluginSummary {
  pluginId: string;
  /** Which @grafana/data class the module's `plugin` export is an instance of (checked with the host's classes). */
  kind: 'panel' | 'datasource' | 'app' | 'unknown';
  exportNames: string[];
}

/** `window.flowlensHost` on the host page. */
export interface FlowlensHostApi {
  render(spec: PanelSpec): Promise<RenderResult>;
  events(): HostEvent[];
  clearEvents(): void;
  /** Removes a slot's panel (React unmount), e.g. to check that a panel cleans up after itself. */
  unmount(slot?: string): Promise<void>;
  /** Loads a plugin's module.js without rendering it. */
  loadPlugin(pluginId: string): Promise<PluginSummary>;
  /** The value a plugin's AMD `define` receives for a shared module name, e.g. `react`; for tests of the host. */
  sharedModule(name: string): unknown;
}

declare global {
  interface Window {
    flowlensHost: FlowlensHostApi;
  }
}
