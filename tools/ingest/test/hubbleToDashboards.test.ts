import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema, chdbSchemaTarget } from '@flowlens/flowgen';
import { startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { createLogger } from '../../../plugins/flows-datasource/backend/src/logging/logger.ts';
import { dashboards } from '../../../dashboards/src/index.ts';
import { dashboardRunner, type DashboardRunner } from '../../../dashboards/test/support/dashboardRunner.ts';
import { dashboardQueries } from '../../../dashboards/test/support/dashboardTargets.ts';
import type { TestVariable } from '@flowlens/testkit/templateSrv';
import { eventually, post, sendTcp, startHarness, type Harness } from './helpers/harness.ts';
import { fixtureJson, fixtureLines } from './helpers/fixtures.ts';

// hubble-otel's ten GKE flows happened in this minute.
const timeRange = { fromMs: Date.parse('2021-06-16T16:50:00Z'), toMs: Date.parse('2021-06-16T16:55:00Z') };

describe('Hubble lines over TCP show on the dashboards (ingest into chDB, queries through the backend)', () => {
  let dir: string;
  let session: Session;
  let http: ChdbHttpServer;
  let ingest: Harness;
  let instances: DatasourceInstances;
  let runner: DashboardRunner;
  let variables: TestVariable[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-ingest-e2e-'));
    session = new Session(join(dir, 'chdb'));
    await applySchema(chdbSchemaTarget(session), { retentionHours: 0, log: () => undefined });
    http = await startChdbHttpServer({ session });
    // chDB's HTTP front reads the body as text, so batches travel as TabSeparated here.
    ingest = await startHarness(http.url, { clusterUUID: 'hubble-cluster', wireFormat: 'TabSeparated' });

    // The printer test's DROPPED flow, moved into the same minute.
    const dropped = fixtureLines('hubble-printer-dropped.jsonl')[1]!.replace(
      '1970-01-01T00:20:34.567800Z',
      '2021-06-16T16:52:40.5Z'
    );
    await sendTcp(ingest.service.tcpPort, [...fixtureLines('hubble-jsonpb-gke.jsonl'), dropped]);
    // A NetworkPolicy delete (Falco's real audit event, retargeted) in the same minute.
    const configMap = fixtureJson('audit-falco-delete-configmap.json');
    const policyDelete = {
      ...configMap,
      objectRef: {
        apiGroup: 'networking.k8s.io',
        apiVersion: 'v1',
        resource: 'networkpolicies',
        namespace: 'bookinfo',
        name: 'reviews-ingress',
      },
      stageTimestamp: '2021-06-16T16:52:30.000000Z',
    };
    const audit = await post(
      ingest.service.httpPort,
      '/v1/audit?cluster=hubble-cluster',
      JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [policyDelete] })
    );
    expect(audit.status).toBe(200);
    const count = async (sql: string) =>
      Number((await session.queryAsync(sql, { format: 'TabSeparated' })).text().trim());
    await eventually(
      'flows from the ingest',
      () => count('SELECT count() FROM flows'),
      (n) => n === 11
    );
    await eventually(
      'the policy change',
      () => count('SELECT count() FROM policy_events'),
      (n) => n === 1
    );

    instances = new DatasourceInstances(
      createEngine,
      createLogger('ingest-e2e', { level: 'error', write: () => undefined })
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
    variables = await runner.defaultVariables();
  }, 180_000);

  afterAll(async () => {
    await ingest?.close();
    await instances?.closeAll();
    await http?.close();
    session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function answer(dashboard: string, where: string): Promise<unknown[][]> {
    const query = dashboardQueries(dashboard, dashboards[dashboard]!).find((q) => q.where === where);
    if (!query) throw new Error(`no query "${where}" on ${dashboard}`);
    const response = await runner.run(query, variables);
    if (response.error) throw new Error(`${dashboard} / ${where}: ${response.error}`);
    return response.frames.map((frame) =>
      frame.fields.map((field) =>
        [...field.values].map((value: unknown) => (typeof value === 'bigint' ? Number(value) : value))
      )
    );
  }

  it('offers the ingest’s cluster and the flows’ namespaces as variable values', () => {
    expect(variables.find((v) => v.name === 'cluster')!.options).toEqual(['hubble-cluster']);
    expect(variables.find((v) => v.name === 'namespace')!.options).toEqual(
      expect.arrayContaining(['bookinfo', 'istio-system'])
    );
  });

  it('counts the pods, the node and the dropped connection on Home', async () => {
    // kube-system is excluded by default: reviews, prometheus, galley and telemetry remain.
    expect((await answer('home', 'Pods'))[0]![0]).toEqual([4]);
    expect((await answer('home', 'Nodes'))[0]![0]).toEqual([1]);
    expect((await answer('home', 'Denied connections'))[0]![0]).toEqual([1]);
    const perMinute = await answer('home', 'Flow records per minute');
    expect(perMinute.length).toBeGreaterThan(0);
  });

  it('lists the records on Flow Records, and the policy change as an annotation', async () => {
    // The first "Flow records" panel is the count; the table of the same name lists them.
    expect((await answer('flow-records', 'Flow records'))[0]![0]).toEqual([7]);
    const [annotation] = await answer('network-policy', 'annotation NetworkPolicy changes');
    expect(annotation![1]).toEqual(['minikube-user delete NetworkPolicy bookinfo/reviews-ingress']);
  });
});
