import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { queryData } from '../../plugins/flows-datasource/backend/src/handlers/queryData.ts';
import { QueryMetrics } from '../../plugins/flows-datasource/backend/src/handlers/queryMetrics.ts';
import { createLogger } from '../../plugins/flows-datasource/backend/src/protocol/logger.ts';
import { encodeFrame } from '../../plugins/flows-datasource/backend/src/protocol/arrowFrames.ts';
import { compileFlowsQuery } from '../../plugins/flows-datasource/backend/src/sql/flowsBuilder.ts';
import { interpolateQuery } from '../../plugins/flows-datasource/src/variables/interpolateQuery.ts';
import type { FlowsQuery } from '../../plugins/flows-datasource/src/types.ts';
import { dashboards } from '../src/index.ts';
import { defaultExcludedNamespaces } from '../src/variables.ts';
import { dashboardQueries, type DashboardQuery } from './support/dashboardTargets.ts';
import { templateService, type VariableState } from './support/dashboardVariables.ts';

// A weekday morning of flowgen's cluster: busy enough that every dashboard question has an answer.
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };
const maxDataPoints = 1000;

function intervalMs(minInterval: string | undefined): number {
  // Grafana: range / max data points, rounded to a nice step, but never below the panel's minimum.
  const raw = Math.max(1000, Math.ceil((timeRange.toMs - timeRange.fromMs) / maxDataPoints / 1000) * 1000);
  const minimum = minInterval ? Number(/^(\d+)m$/.exec(minInterval)?.[1] ?? 0) * 60_000 : 0;
  return Math.max(raw, minimum);
}

describe('every dashboard query, through the backend, on flowgen data in chDB', () => {
  let dir: string;
  let session: Session;
  let http: ChdbHttpServer;
  let instances: DatasourceInstances;
  const metrics = new QueryMetrics();
  const logger = createLogger('dashboards-test', { level: 'error', write: () => undefined });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-dashboards-'));
    session = new Session(dir);
    // From 08:40, so flowgen's drop burst (20 minutes after its start) falls at 09:00, inside the range.
    await loadIntoChdb(session, { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.5 });
    http = await startChdbHttpServer({ session });
    instances = new DatasourceInstances(createEngine, logger);
  });
  afterAll(async () => {
    await instances?.closeAll();
    await http?.close();
    session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(
    query: DashboardQuery,
    variables: VariableState[],
    adHocFilters: Array<{ key: string; operator: string; value: string }> = []
  ) {
    const interpolated = interpolateQuery(query.target as unknown as FlowsQuery, {
      templateSrv: templateService(variables),
      engine: 'clickhouse',
      adHocFilters,
    });
    const responses = await queryData(
      {
        context: {
          orgId: 1,
          pluginId: 'flowlens-flows-datasource',
          dataSource: {
            uid: 'flowlens',
            name: 'FlowLens',
            updatedMs: 1,
            jsonData: { engine: 'clickhouse', url: http.url },
            decryptedSecureJsonData: {},
          },
        },
        queries: [
          {
            refId: 'A',
            queryType: String(interpolated.queryType ?? ''),
            maxDataPoints,
            intervalMs: intervalMs(query.minInterval),
            timeRange,
            json: interpolated,
          },
        ],
        signal: new AbortController().signal,
      },
      { instances, metrics, logger, compileFlows: compileFlowsQuery }
    );
    const response = responses.get('A')!;
    const rows = response.frames.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0);
    // The frames must also encode as Grafana receives them.
    for (const frame of response.frames) tableFromIPC(encodeFrame(frame));
    return { error: response.error, rows, sql: response.frames[0]?.meta?.executedQueryString };
  }

  /** Variables as a user first sees them: every cluster and namespace, the pipeline namespaces excluded. */
  async function defaultVariables(): Promise<VariableState[]> {
    const base: VariableState[] = [
      { name: 'datasource', current: ['flowlens'], options: ['flowlens'] },
      { name: 'cluster', multi: true, includeAll: true, current: ['$__all'], options: [] },
      { name: 'namespace', multi: true, includeAll: true, current: ['$__all'], options: [] },
      {
        name: 'excludedNamespaces',
        multi: true,
        current: defaultExcludedNamespaces,
        options: defaultExcludedNamespaces,
      },
      { name: 'pod', current: [''], options: [] },
    ];
    // Options of query variables come from their own queries, as in Grafana.
    for (const query of dashboardQueries('home', dashboards.home!).filter((q) => q.where.startsWith('variable '))) {
      const name = query.where.replace('variable ', '');
      const frame = await run(query, base);
      expect(frame.error, `${name}: ${frame.error}`).toBeUndefined();
      const variable = base.find((v) => v.name === name)!;
      variable.options = await optionValues(query, base);
    }
    return base;
  }

  async function optionValues(query: DashboardQuery, variables: VariableState[]): Promise<string[]> {
    const interpolated = interpolateQuery(query.target as unknown as FlowsQuery, {
      templateSrv: templateService(variables),
      engine: 'clickhouse',
    });
    const responses = await queryData(
      {
        context: {
          orgId: 1,
          pluginId: 'flowlens-flows-datasource',
          dataSource: {
            uid: 'flowlens',
            name: 'FlowLens',
            updatedMs: 1,
            jsonData: { engine: 'clickhouse', url: http.url },
            decryptedSecureJsonData: {},
          },
        },
        queries: [{ refId: 'A', queryType: 'sql', maxDataPoints, intervalMs: 60_000, timeRange, json: interpolated }],
        signal: new AbortController().signal,
      },
      { instances, metrics, logger, compileFlows: compileFlowsQuery }
    );
    const field = responses.get('A')!.frames[0]!.fields[0]!;
    return [...field.values].map(String);
  }

  const all = Object.entries(dashboards).flatMap(([name, dashboard]) => dashboardQueries(name, dashboard));

  it('finds the queries of all seven dashboards', () => {
    expect(new Set(all.map((query) => query.dashboard)).size).toBe(7);
    expect(all.length).toBeGreaterThan(40);
  });

  // flowgen's hour holds every kind of traffic the dashboards ask about, so no query may come back empty.
  it('runs every query with default variables: no error, and rows wherever flowgen made matching traffic', async () => {
    const variables = await defaultVariables();
    expect(variables.find((v) => v.name === 'namespace')!.options).toEqual(
      expect.arrayContaining(['bookinfo', 'kube-system'])
    );
    const failures: string[] = [];
    const empty: string[] = [];
    for (const query of all) {
      const result = await run(query, variables);
      if (result.error) failures.push(`${query.dashboard} / ${query.where}: ${result.error}\n${result.sql ?? ''}`);
      else if (result.rows === 0) empty.push(`${query.dashboard} / ${query.where}\n${result.sql ?? ''}`);
    }
    expect(failures).toEqual([]);
    expect(empty).toEqual([]);
  });

  it('runs every query with one namespace selected and an ad-hoc filter', async () => {
    const variables = await defaultVariables();
    variables.find((v) => v.name === 'namespace')!.current = ['bookinfo'];
    const failures: string[] = [];
    for (const query of all) {
      const result = await run(query, variables, [
        { key: 'destinationPodNamespace', operator: '!=', value: 'no-such-namespace' },
      ]);
      if (result.error) failures.push(`${query.dashboard} / ${query.where}: ${result.error}`);
    }
    expect(failures).toEqual([]);
  });
});
