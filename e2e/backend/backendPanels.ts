/**
 * The specs' side of the backend fixture: the frames global setup asked the backend for, per dashboard
 * panel, and panel specs that render them as the dashboard does (its options, field config, variables
 * and time range).
 */
import { readFileSync } from 'node:fs';
import type { PanelSpec } from '../host/panelSpec.ts';
import type { BackendPanel, BackendPanels } from './dashboardPanelData.ts';

export type { BackendPanel } from './dashboardPanelData.ts';

export const backendPanelsFileVariable = 'FLOWLENS_E2E_BACKEND_PANELS';

let loaded: BackendPanels | undefined;

export function backendPanels(): BackendPanels {
  if (!loaded) {
    const file = process.env[backendPanelsFileVariable];
    if (!file) {
      throw new Error(
        `${backendPanelsFileVariable} is not set: run the specs with e2e/playwright.config.ts, whose global setup queries the backend`
      );
    }
    loaded = JSON.parse(readFileSync(file, 'utf8')) as BackendPanels;
  }
  return loaded;
}

/**
 * A FlowLens panel of a dashboard (by file name, e.g. `pod-to-pod`) with the backend's answer: the one
 * whose title matches, or without a title the dashboard's first (its main chart, at the top).
 */
export function dashboardPanel(dashboard: string, title?: RegExp): BackendPanel {
  const onDashboard = backendPanels().panels.filter((panel) => panel.dashboard === dashboard);
  const found = title ? onDashboard.filter((panel) => title.test(panel.title)) : onDashboard.slice(0, 1);
  if (found.length !== 1) {
    const titles = onDashboard.map((panel) => `"${panel.title}"`).join(', ') || 'none';
    throw new Error(
      `Expected one FlowLens panel${title ? ` titled ${title}` : ''} on dashboard ${dashboard}, found ${found.length}; it has ${titles}`
    );
  }
  return found[0]!;
}

/** The panel as its dashboard shows it, at a size; `extra` overrides any part of the spec. */
export function dashboardPanelSpec(panel: BackendPanel, extra: Partial<PanelSpec> = {}): PanelSpec {
  return {
    pluginId: panel.pluginId,
    title: panel.title,
    queryResponse: panel.queryResponse,
    options: panel.options,
    fieldConfig: panel.fieldConfig,
    variables: panel.variables,
    timeRange: backendPanels().timeRange,
    timeZone: 'utc',
    width: 1000,
    height: 500,
    ...extra,
  };
}

/** The first frame's column of a field by name, as the backend returned it. */
export function columnOf(panel: BackendPanel, fieldName: string): unknown[] {
  const frame = Object.values(panel.queryResponse.results)[0]?.frames?.[0];
  const index = frame?.schema.fields.findIndex((field) => field.name === fieldName) ?? -1;
  if (!frame || index < 0) {
    throw new Error(`The backend's frame for ${panel.dashboard} has no field ${fieldName}`);
  }
  return frame.data?.values[index] ?? [];
}
