/**
 * The dashboards Grafana provisions: every dashboards/*.json (provisioning/grafana/dashboards/flowlens.yaml
 * points Grafana at that folder, which compose mounts). Read when specs are collected, so each dashboard
 * and each FlowLens panel gets a test of its own. plugin-e2e's readProvisionedDashboard is not used: it
 * looks under <provisioning root>/dashboards, where we keep only the provider file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ProvisionedPanel {
  id: number;
  type: string;
  title: string;
  targets: Array<{ refId: string; flows?: Record<string, unknown> }>;
  options: Record<string, unknown>;
}

export interface ProvisionedDashboard {
  file: string;
  uid: string;
  title: string;
  panels: ProvisionedPanel[];
}

const dashboardsDir = resolve(import.meta.dirname, '../../../dashboards');

function readDashboard(file: string): ProvisionedDashboard {
  const json = JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as Partial<ProvisionedDashboard>;
  if (typeof json.uid !== 'string' || typeof json.title !== 'string' || !Array.isArray(json.panels)) {
    throw new Error(`dashboards/${file} is not a Grafana dashboard with a uid, a title and panels`);
  }
  return { file, uid: json.uid, title: json.title, panels: json.panels };
}

export const provisionedDashboards: ProvisionedDashboard[] = readdirSync(dashboardsDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map(readDashboard);

export function provisionedDashboard(uid: string): ProvisionedDashboard {
  const dashboard = provisionedDashboards.find((candidate) => candidate.uid === uid);
  if (!dashboard) {
    throw new Error(`no dashboard with uid ${uid} in dashboards/*.json`);
  }
  return dashboard;
}

/** The dashboard's first panel of the given plugin type. */
export function firstPanelOfType(dashboard: ProvisionedDashboard, type: string): ProvisionedPanel {
  const panel = dashboard.panels.find((candidate) => candidate.type === type);
  if (!panel) {
    throw new Error(`dashboards/${dashboard.file} has no ${type} panel`);
  }
  return panel;
}

/** Every panel of the given plugin type, with its dashboard. */
export function panelsOfType(type: string): Array<{ dashboard: ProvisionedDashboard; panel: ProvisionedPanel }> {
  return provisionedDashboards.flatMap((dashboard) =>
    dashboard.panels.filter((panel) => panel.type === type).map((panel) => ({ dashboard, panel }))
  );
}
