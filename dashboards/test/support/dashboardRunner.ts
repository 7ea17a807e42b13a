import type { DataResponse, DataSourceSettings } from '../../../plugins/flows-datasource/backend/src/handlers/types.ts';
import type { TimeRange } from '../../../plugins/flows-datasource/backend/src/timeRange.ts';
import type { DatasourceInstances } from '../../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { queryData } from '../../../plugins/flows-datasource/backend/src/handlers/queryData.ts';
import { QueryMetrics } from '../../../plugins/flows-datasource/backend/src/handlers/queryMetrics.ts';
import { createLogger } from '../../../plugins/flows-datasource/backend/src/logging/logger.ts';
import type { DataFrame } from '@grafana/data';
import { interpolateQuery } from '../../../plugins/flows-datasource/src/variables/interpolateQuery.ts';
import { metricFindValues, variableGroupBy } from '../../../plugins/flows-datasource/src/variables/metricFindValues.ts';
import type { Engine, FlowsQuery } from '../../../plugins/flows-datasource/src/types.ts';
import { dashboards } from '../../src/index.ts';
import { defaultExcludedNamespaces } from '../../src/variables.ts';
import { dashboardQueries, type DashboardQuery } from './dashboardTargets.ts';
import { fakeTemplateSrv, type TestVariable } from '@flowlens/testkit/templateSrv';

/**
 * Runs dashboard queries the way Grafana does: the datasource frontend interpolates the saved query
 * (variables, ad-hoc filters), then the backend's QueryData answers it. Used by the dashboard tests,
 * the Snowflake equivalence test and the dashboards benchmark.
 */
export interface DashboardRunner {
  run(
    query: DashboardQuery,
    variables: TestVariable[],
    adHocFilters?: Array<{ key: string; operator: string; value: string }>,
    /** Another time range and interval than the runner's, as a user zooming would ask. */
    at?: { timeRange: TimeRange; intervalMs: number }
  ): Promise<DataResponse>;
  /** Variables as a user first sees them: every cluster and namespace, the pipeline namespaces excluded. */
  defaultVariables(): Promise<TestVariable[]>;
}

export const maxDataPoints = 1000;

/**
 * The dashboards' fixed-choice (custom) variables other than the common ones, at their saved
 * selection: the policy recommendation's policy type, granularity and DNS switch.
 */
function savedChoices(): TestVariable[] {
  const common = new Set(['datasource', 'cluster', 'namespace', 'excludedNamespaces', 'pod', 'pods', 'groupBy']);
  const choices = new Map<string, TestVariable>();
  for (const dashboard of Object.values(dashboards)) {
    for (const variable of (dashboard.templating as { list: Array<Record<string, unknown>> }).list) {
      const name = String(variable.name);
      if (variable.type !== 'custom' || common.has(name) || choices.has(name)) continue;
      const current = (variable.current as { value: string | string[] }).value;
      choices.set(name, {
        name,
        multi: variable.multi === true,
        value: current,
        options: (variable.options as Array<{ value: string }>).map((option) => option.value),
      });
    }
  }
  return [...choices.values()];
}

/** Grafana's interval: range ÷ max data points in whole seconds, never below the panel's minimum. */
export function intervalMsFor(timeRange: TimeRange, minInterval: string | undefined): number {
  const raw = Math.max(1000, Math.ceil((timeRange.toMs - timeRange.fromMs) / maxDataPoints / 1000) * 1000);
  const minimum = minInterval ? Number(/^(\d+)m$/.exec(minInterval)?.[1] ?? 0) * 60_000 : 0;
  return Math.max(raw, minimum);
}

export function dashboardRunner(options: {
  engine: Engine;
  dataSource: DataSourceSettings;
  instances: DatasourceInstances;
  timeRange: TimeRange;
}): DashboardRunner {
  const logger = createLogger('dashboards', { level: 'error', write: () => undefined });
  const metrics = new QueryMetrics();
  const run: DashboardRunner['run'] = async (query, variables, adHocFilters = [], at) => {
    const json = interpolateQuery(query.target as unknown as FlowsQuery, {
      templateSrv: fakeTemplateSrv(variables),
      engine: options.engine,
      adHocFilters,
    });
    const responses = await queryData(
      {
        context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource: options.dataSource },
        queries: [
          {
            refId: 'A',
            queryType: String(json.queryType ?? ''),
            maxDataPoints,
            intervalMs: at?.intervalMs ?? intervalMsFor(options.timeRange, query.minInterval),
            timeRange: at?.timeRange ?? options.timeRange,
            json,
          },
        ],
        signal: new AbortController().signal,
      },
      { instances: options.instances, metrics, logger }
    );
    return responses.get('A')!;
  };
  const defaultVariables = async (): Promise<TestVariable[]> => {
    const variables = startingVariables();
    // Options of query variables come from their own queries, as in Grafana.
    for (const query of dashboardQueries('home', dashboards.home!).filter((q) => q.where.startsWith('variable '))) {
      const answer = await run(query, variables);
      if (answer.error) {
        throw new Error(`${query.where}: ${answer.error}`);
      }
      // The values as the datasource's metricFindQuery reads them: a builder question's group-by columns.
      const target = query.target as unknown as FlowsQuery;
      const frames = answer.frames.map((frame) => ({
        ...frame,
        fields: frame.fields.map((field) => ({ ...field, values: [...field.values] })),
      })) as unknown as DataFrame[];
      variables.find((v) => v.name === query.where.replace('variable ', ''))!.options = metricFindValues(
        frames,
        variableGroupBy(target)
      ).map((option) => String(option.value));
    }
    return variables;
  };
  return { run, defaultVariables };
}

/** The dashboards' variables as a fresh dashboard has them, before query variables load their options. */
export function startingVariables(): TestVariable[] {
  return [
    { name: 'datasource', value: 'flowlens', options: ['flowlens'] },
    { name: 'cluster', multi: true, includeAll: true, value: ['$__all'], options: [] },
    { name: 'namespace', multi: true, includeAll: true, value: ['$__all'], options: [] },
    { name: 'excludedNamespaces', multi: true, value: defaultExcludedNamespaces, options: defaultExcludedNamespaces },
    { name: 'pod', value: '', options: [] },
    // Pod-to-Pod's pods box (set by the service map's links) and the service map's node kind.
    { name: 'pods', includeAll: true, value: ['$__all'], options: [] },
    { name: 'groupBy', value: 'workload', options: ['workload', 'namespace', 'pod'] },
    ...savedChoices(),
  ];
}

/** A ClickHouse datasource as Grafana hands it to the backend: named by its uid, no secrets. */
export function clickhouseDataSource(
  uid: string,
  url: string,
  jsonData: Record<string, unknown> = {}
): DataSourceSettings {
  return {
    uid,
    name: uid,
    updatedMs: 1,
    jsonData: { engine: 'clickhouse', url, ...jsonData },
    decryptedSecureJsonData: {},
  };
}
