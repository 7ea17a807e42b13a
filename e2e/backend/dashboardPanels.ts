/**
 * The FlowLens panels of the provisioned dashboards, read from the dashboard JSON Grafana loads
 * (dashboards/*.json): their queries, options and field config exactly as saved, and the variables as a
 * user first sees them (the saved `current` values).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { FieldConfigSourceJSON } from '../host/panelSpec.ts';

export const flowLensPanelTypes = ['flowlens-sankey-panel', 'flowlens-chord-panel', 'flowlens-policy-panel'] as const;
export type FlowLensPanelType = (typeof flowLensPanelTypes)[number];

const dashboardsDir = resolve(import.meta.dirname, '../../dashboards');

type Json = Record<string, unknown>;

export interface DashboardPanel {
  /** The dashboard's file name without .json, e.g. `pod-to-pod`. */
  dashboard: string;
  dashboardUid: string;
  title: string;
  pluginId: FlowLensPanelType;
  targets: Json[];
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSourceJSON;
}

export interface DashboardVariable {
  name: string;
  type: string;
  multi: boolean;
  includeAll: boolean;
  /** Selected values as saved; `$__all` for "All". */
  current: string[];
  /** A query variable's query, answered by the datasource. */
  query?: Json;
}

export interface Dashboard {
  name: string;
  uid: string;
  panels: DashboardPanel[];
  variables: DashboardVariable[];
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function readDashboard(file: string): Dashboard {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const name = basename(file, '.json');
  const uid = String(json.uid);
  const panels = (json.panels as Json[])
    .filter((panel) => flowLensPanelTypes.includes(panel.type as FlowLensPanelType))
    .map((panel) => ({
      dashboard: name,
      dashboardUid: uid,
      title: String(panel.title),
      pluginId: panel.type as FlowLensPanelType,
      targets: (panel.targets as Json[] | undefined) ?? [],
      options: (panel.options as Record<string, unknown> | undefined) ?? {},
      fieldConfig: (panel.fieldConfig as FieldConfigSourceJSON | undefined) ?? {},
    }));
  const variables = ((json.templating as { list: Json[] }).list ?? []).map((variable) => ({
    name: String(variable.name),
    type: String(variable.type),
    multi: variable.multi === true,
    includeAll: variable.includeAll === true,
    current: asList((variable.current as Json | undefined)?.value),
    ...(variable.type === 'query' ? { query: variable.query as Json } : {}),
  }));
  return { name, uid, panels, variables };
}

/** Every dashboard in dashboards/, by file name. */
export function readDashboards(): Dashboard[] {
  return readdirSync(dashboardsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readDashboard(resolve(dashboardsDir, file)));
}
