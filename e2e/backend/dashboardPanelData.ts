/**
 * Frames for every FlowLens panel of the dashboards, from our real backend: flowgen's hour in chDB, the
 * built plugin executable launched as Grafana launches it, each panel's targets interpolated by the
 * datasource frontend with the dashboard's default variables and sent in one QueryData call over gRPC,
 * and the Arrow answer turned into the `/api/ds/query` JSON Grafana's server gives the browser.
 */
import type { DataFrame } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import {
  launchPlugin,
  pluginContext,
  type PluginProcess,
  responsesOf,
} from '../../plugins/flows-datasource/backend/test/support/pluginProcess.ts';
import { interpolateQuery } from '../../plugins/flows-datasource/src/variables/interpolateQuery.ts';
import type { FlowsQuery } from '../../plugins/flows-datasource/src/types.ts';
import { metricFindValues, variableGroupBy } from '../../plugins/flows-datasource/src/variables/metricFindValues.ts';
import { intervalMsFor, maxDataPoints } from '../../dashboards/test/support/dashboardRunner.ts';
import { fakeTemplateSrv, type TestVariable } from '@flowlens/testkit/templateSrv';
import type { QueryResponseJSON } from '../host/panelSpec.ts';
import { type Dashboard, type DashboardPanel, readDashboards } from './dashboardPanels.ts';
import { flowgenHour, startFlowgenClickHouse } from './flowgenHour.ts';
import { frameJSONFromArrow, queryResponseJSON, type WireResult } from './grafanaFrameJSON.ts';

/** The uid docker compose provisions for the ClickHouse datasource; data links carry it. */
export const provisionedDatasourceUid = 'flowlens-clickhouse';

export interface BackendPanel extends DashboardPanel {
  /** What the browser receives for this panel's targets. */
  queryResponse: QueryResponseJSON;
  /** The dashboard's variables as its data links see them (the host's `variables`). */
  variables: Record<string, string | string[]>;
}

export interface BackendPanels {
  timeRange: { from: string; to: string };
  /** Flow records flowgen loaded. */
  rows: number;
  panels: BackendPanel[];
}

const timeRange = { fromMs: Date.parse(flowgenHour.from), toMs: Date.parse(flowgenHour.to) };
const intervalMs = intervalMsFor(timeRange, undefined);

class DashboardQueries {
  constructor(
    private readonly plugin: PluginProcess,
    private readonly clickhouseUrl: string
  ) {}

  /** One QueryData call, as Grafana's server makes it for a panel (or a variable) of the dashboard. */
  async run(targets: Array<Record<string, unknown>>, variables: TestVariable[]): Promise<Record<string, WireResult>> {
    const templateSrv: TemplateSrv = fakeTemplateSrv(variables);
    const queries = targets.map((target) => {
      const interpolated = interpolateQuery(target as unknown as FlowsQuery, { templateSrv, engine: 'clickhouse' });
      return {
        refId: interpolated.refId,
        queryType: String(interpolated.queryType ?? ''),
        maxDataPoints,
        intervalMS: intervalMs,
        timeRange: { fromEpochMS: timeRange.fromMs, toEpochMS: timeRange.toMs },
        json: Buffer.from(JSON.stringify(interpolated)),
      };
    });
    const request = { pluginContext: pluginContext({ url: this.clickhouseUrl }), queries };
    return responsesOf(await this.plugin.call('Data', 'QueryData', request));
  }

  /**
   * Variables as a user first sees the dashboard: the saved selections, and for query variables their
   * options from their own queries (what "All" expands to).
   */
  async defaultVariables(dashboard: Dashboard): Promise<TestVariable[]> {
    const states: TestVariable[] = [];
    // Ad-hoc filters reach queries apart from the template service; a fresh dashboard has none.
    for (const variable of dashboard.variables.filter((v) => v.type !== 'adhoc')) {
      const state: TestVariable = {
        name: variable.name,
        multi: variable.multi,
        includeAll: variable.includeAll,
        value: variable.type === 'datasource' ? [provisionedDatasourceUid] : variable.current,
        options: variable.current,
      };
      if (variable.query) {
        const answer = Object.values(await this.run([{ refId: 'A', ...variable.query }], states))[0]!;
        if (answer.error) {
          throw new Error(`Variable ${variable.name} of ${dashboard.name}: ${answer.error}`);
        }
        // The values as the datasource's metricFindQuery reads them (a builder question: its group-by columns).
        const frame = frameJSONFromArrow(answer.frames[0]!);
        const fields = (frame.schema?.fields ?? []).map((field, i) => ({
          name: field.name,
          values: frame.data?.values[i] ?? [],
        }));
        state.options = metricFindValues(
          [{ fields, length: fields[0]?.values.length ?? 0 }] as unknown as DataFrame[],
          variableGroupBy(variable.query as unknown as FlowsQuery)
        ).map((option) => String(option.value));
      }
      states.push(state);
    }
    return states;
  }
}

function hostVariables(states: TestVariable[]): Record<string, string | string[]> {
  return Object.fromEntries(
    states.map((state) => [state.name, state.multi ? state.value : ([state.value].flat()[0] ?? '')])
  );
}

/** Loads flowgen's hour, runs every Sankey and chord panel's queries through the backend, and stops it all. */
export async function queryDashboardPanels(): Promise<BackendPanels> {
  const clickhouse = await startFlowgenClickHouse();
  let plugin: PluginProcess | undefined;
  try {
    plugin = await launchPlugin();
    const queries = new DashboardQueries(plugin, clickhouse.url);
    const panels: BackendPanel[] = [];
    for (const dashboard of readDashboards().filter((d) => d.panels.length > 0)) {
      const variables = await queries.defaultVariables(dashboard);
      for (const panel of dashboard.panels) {
        const queryResponse = queryResponseJSON(await queries.run(panel.targets, variables));
        panels.push({ ...panel, queryResponse, variables: hostVariables(variables) });
      }
    }
    return { timeRange: { from: flowgenHour.from, to: flowgenHour.to }, rows: clickhouse.rows, panels };
  } finally {
    await plugin?.stop();
    await clickhouse.close();
  }
}
