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
import { createLogger } from '../../plugins/flows-datasource/backend/src/logging/logger.ts';
import { encodeFrame } from '../../plugins/flows-datasource/backend/src/protocol/arrowFrames.ts';
import type { Frame } from '../../plugins/flows-datasource/backend/src/frames/frame.ts';
import { dashboards } from '../src/index.ts';
import { dashboardRunner, type DashboardRunner } from './support/dashboardRunner.ts';
import { dashboardQueries, needsADayOfHistory, type DashboardQuery } from './support/dashboardTargets.ts';
import type { TestVariable } from '@flowlens/testkit/templateSrv';

// A weekday morning of flowgen's cluster: busy enough that every dashboard question has an answer.
const timeRange = { fromMs: Date.parse('2025-01-06T09:00:00Z'), toMs: Date.parse('2025-01-06T10:00:00Z') };

describe('every dashboard query, through the backend, on flowgen data in chDB', () => {
  let dir: string;
  let session: Session;
  let http: ChdbHttpServer;
  let instances: DatasourceInstances;
  let runner: DashboardRunner;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-dashboards-'));
    session = new Session(dir);
    // From 08:40, so flowgen's drop burst (20 minutes after its start) falls at 09:00, inside the range.
    await loadIntoChdb(session, { from: '2025-01-06T08:40:00Z', to: '2025-01-06T10:00:00Z', scale: 0.5 });
    http = await startChdbHttpServer({ session });
    instances = new DatasourceInstances(
      createEngine,
      createLogger('dashboards-test', { level: 'error', write: () => undefined })
    );
    runner = dashboardRunner({
      engine: 'clickhouse',
      dataSource: {
        uid: 'flowlens',
        name: 'FlowLens',
        updatedMs: 1,
        jsonData: { engine: 'clickhouse', url: http.url },
        decryptedSecureJsonData: {},
      },
      instances,
      timeRange,
    });
  });
  afterAll(async () => {
    await instances?.closeAll();
    await http?.close();
    session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(
    query: DashboardQuery,
    variables: TestVariable[],
    adHocFilters: Array<{ key: string; operator: string; value: string }> = []
  ) {
    const response = await runner.run(query, variables, adHocFilters);
    const rows = response.frames.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0);
    // The frames must also encode as Grafana receives them.
    for (const frame of response.frames) tableFromIPC(encodeFrame(frame));
    return { error: response.error, rows, sql: response.frames[0]?.meta?.executedQueryString };
  }

  const all = Object.entries(dashboards).flatMap(([name, dashboard]) => dashboardQueries(name, dashboard));

  it('finds the queries of all nine dashboards', () => {
    expect(new Set(all.map((query) => query.dashboard)).size).toBe(9);
    expect(all.length).toBeGreaterThan(40);
  });

  // flowgen's hour holds every kind of traffic the dashboards ask about, so no query may come back empty.
  it('runs every query with default variables: no error, and rows wherever flowgen made matching traffic', async () => {
    const variables = await runner.defaultVariables();
    expect(variables.find((v) => v.name === 'namespace')!.options).toEqual(
      expect.arrayContaining(['bookinfo', 'kube-system'])
    );
    const failures: string[] = [];
    const empty: string[] = [];
    for (const query of all) {
      const result = await run(query, variables);
      if (result.error) failures.push(`${query.dashboard} / ${query.where}: ${result.error}\n${result.sql ?? ''}`);
      else if (result.rows === 0 && !needsADayOfHistory(query)) {
        empty.push(`${query.dashboard} / ${query.where}\n${result.sql ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    expect(empty).toEqual([]);
  });

  it('runs every query with one namespace selected and an ad-hoc filter', async () => {
    const variables = await runner.defaultVariables();
    variables.find((v) => v.name === 'namespace')!.value = ['bookinfo'];
    const failures: string[] = [];
    for (const query of all) {
      const result = await run(query, variables, [
        { key: 'destinationPodNamespace', operator: '!=', value: 'no-such-namespace' },
      ]);
      if (result.error) failures.push(`${query.dashboard} / ${query.where}: ${result.error}`);
    }
    expect(failures).toEqual([]);
  });

  it('Flow Records: with a pod in the box, the count and the series cover exactly the records the table lists', async () => {
    const variables = await runner.defaultVariables();
    // A pod of few records, so the table's 10,000 newest are all of them.
    const podSql = `SELECT pod FROM (
        SELECT arrayJoin([sourcePodNamespace || '/' || sourcePodName, destinationPodNamespace || '/' || destinationPodName]) AS pod
        FROM flows
        WHERE flowEndSeconds >= toDateTime('2025-01-06 09:00:00') AND flowEndSeconds <= toDateTime('2025-01-06 10:00:00'))
      WHERE pod != '/' AND pod NOT LIKE 'kube-system/%'
      GROUP BY pod HAVING count() BETWEEN 50 AND 5000 ORDER BY pod LIMIT 1`;
    const pod = session.query(podSql, 'TSV').toString().trim();
    expect(pod).toMatch(/^[\w-]+\/[\w.-]+$/);
    variables.find((v) => v.name === 'pod')!.value = pod;
    const panels = dashboardQueries('flow-records', dashboards['flow-records']!).filter(
      (query) => query.where === 'Flow records' || query.where === 'Flow records over time'
    );
    const [countQuery, seriesQuery, tableQuery] = [panels[0]!, panels[1]!, panels[2]!];
    expect([countQuery.where, seriesQuery.where, tableQuery.where]).toEqual([
      'Flow records',
      'Flow records over time',
      'Flow records',
    ]);
    const values = async (query: DashboardQuery) => {
      const response = await runner.run(query, variables);
      expect(response.error, query.where).toBeUndefined();
      return response.frames[0]!.fields.map((field) => [...field.values].map(Number));
    };
    const [count] = (await values(countQuery))[0]!;
    const series = (await values(seriesQuery))[1]!.reduce((sum, value) => sum + value, 0);
    const listed = (await values(tableQuery))[0]!.length;
    expect(count).toBeGreaterThanOrEqual(50);
    expect(series).toBe(count);
    expect(listed).toBe(count);
  });

  it('recommends policies with the dashboard’s choices: policy type, namespaces, DNS', async () => {
    const variables = await runner.defaultVariables();
    const recommendation = all.find((query) => query.where === 'Recommended policies')!;
    const answer = async (changes: Record<string, string[]>) => {
      const response = await runner.run(
        recommendation,
        variables.map((v) => (changes[v.name] ? { ...v, value: changes[v.name]! } : v))
      );
      expect(response.error).toBeUndefined();
      const policies = response.frames.find((frame) => frame.name === 'policies')!;
      const column = (name: string) => [...policies.fields.find((field) => field.name === name)!.values].map(String);
      return {
        kinds: new Set(column('kind')),
        namespaces: new Set(column('namespace')),
        yaml: column('yaml').join('\n'),
      };
    };
    const saved = await answer({});
    expect(saved.kinds).toEqual(new Set(['NetworkPolicy']));
    expect(saved.yaml).toContain('k8s-app: kube-dns');
    expect(saved.namespaces.size).toBeGreaterThan(2);
    const antrea = await answer({ policyType: ['anp-deny-applied'], namespace: ['bookinfo'], allowDns: ['false'] });
    expect(antrea.kinds).toEqual(new Set(['NetworkPolicy', 'ClusterNetworkPolicy']));
    expect([...antrea.namespaces].filter((namespace) => namespace !== '')).toEqual(['bookinfo']);
    expect(antrea.yaml).not.toContain('k8s-app: kube-dns');
  });

  it('names namespaced policies namespace/name and cluster-wide ones by name alone', async () => {
    const variables = await runner.defaultVariables();
    const policies = all.find(
      (query) => query.dashboard === 'network-policy' && query.where === 'Bytes per egress policy'
    )!;
    const response = await runner.run(policies, variables);
    expect(response.error).toBeUndefined();
    const names = [...response.frames[0]!.fields.find((field) => field.kind === 'string')!.values].map(String);
    expect(names).toEqual(expect.arrayContaining(['restrict-smtp', 'reports/report-builder-egress']));
    expect(names.filter((name) => name.startsWith('/'))).toEqual([]);
  });
  // Pod-to-Pod leaves out traffic through a Service, which Pod-to-Service shows: a node links to both.
  it.each([
    ['pod-to-pod', 'Top pod → pod pairs', 'destinationPod'],
    ['pod-to-service', 'Top pod → Service pairs', 'destinationService'],
  ])("follows a service-map node's link: %s narrowed to that node's pods", async (dashboard, table, destination) => {
    const variables = await runner.defaultVariables();
    const pairs = all.find((query) => query.dashboard === dashboard && query.where === table)!;
    const column = (frame: Frame, name: string) =>
      [...frame.fields.find((field) => field.name === name)!.values] as string[];
    const everything = (await runner.run(pairs, variables)).frames[0]!;
    const map = all.find((query) => query.dashboard === 'service-map' && query.where === 'Who talks to whom')!;
    const response = await runner.run(map, variables);
    expect(response.error).toBeUndefined();
    const nodes = response.frames.find((frame) => frame.name === 'nodes')!;
    // The workload of the busiest pair's source, as the map drew it.
    const busiest = column(everything, 'sourcePod')[0]!;
    const patterns = column(nodes, 'podPattern');
    const row = column(nodes, 'id').findIndex(
      (id, i) => id.startsWith('workload:') && new RegExp(patterns[i]!).test(busiest)
    );
    expect(row).toBeGreaterThanOrEqual(0);
    const pattern = patterns[row]!;
    variables.find((v) => v.name === 'pods')!.value = [pattern];
    const narrowed = await runner.run(pairs, variables);
    expect(narrowed.error).toBeUndefined();
    const [sources, destinations] = [
      column(narrowed.frames[0]!, 'sourcePod'),
      column(narrowed.frames[0]!, destination),
    ];
    expect(sources).toContain(busiest);
    expect(sources.length).toBeLessThan(column(everything, 'sourcePod').length);
    // The builder's pod filter reads either end; on Pod-to-Service the other end is the backend pod behind
    // the Service, which the table does not show, so only Pod-to-Pod can be checked row by row.
    if (dashboard === 'pod-to-pod') {
      const matches = new RegExp(pattern);
      sources.forEach((source, i) => expect(matches.test(source) || matches.test(destinations[i]!)).toBe(true));
    }
  });
});
