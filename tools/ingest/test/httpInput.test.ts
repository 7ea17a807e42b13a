import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseServer } from '@flowlens/testkit';
import { clickhouseWithSchema, eventually, post, startHarness, token, type Harness } from './helpers/harness.ts';
import { fixtureJson, fixtureLines } from './helpers/fixtures.ts';

describe('the HTTP input, into clickhouse-server 18.16', () => {
  let clickhouse: ClickHouseServer;
  let ingest: Harness;
  const count = async (sql: string) => Number((await clickhouse.query(sql)).trim());

  beforeAll(async () => {
    clickhouse = await clickhouseWithSchema();
    ingest = await startHarness(clickhouse.url, {
      clusterUUID: 'http-test',
      maxBodyBytes: 64 * 1024,
      maxLineBytes: 8 * 1024,
    });
  }, 120_000);
  afterAll(async () => {
    await ingest?.close();
    await clickhouse?.close();
  });

  it('refuses /v1/* without the bearer token, and never shows the token', async () => {
    const port = ingest.service.httpPort;
    expect((await post(port, '/v1/flows', '{}', {})).status).toBe(401);
    expect((await post(port, '/v1/flows', '{}', { Authorization: 'Bearer wrong' })).status).toBe(401);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
    expect(`${metrics}${health}${ingest.logs.join('\n')}`).not.toContain(token);
  });

  it('stores NDJSON, gzip and JSON-array bodies, answering once they are on disk', async () => {
    const port = ingest.service.httpPort;
    const gke = fixtureLines('hubble-jsonpb-gke.jsonl');
    const plain = await post(port, '/v1/flows', gke.join('\n'));
    expect(plain).toMatchObject({ status: 200, json: { accepted: 10, rejected: 0 } });
    const packetbeat = JSON.stringify(fixtureJson('packetbeat-flow.json'));
    expect((await post(port, '/v1/flows', `${packetbeat}\n`, undefined, true)).json).toMatchObject({ accepted: 1 });
    const array = fixtureLines('hubble-printer-dropped.jsonl').map((line) => JSON.parse(line) as unknown);
    expect((await post(port, '/v1/flows', JSON.stringify(array))).json).toMatchObject({ accepted: 2 });
    await eventually(
      'rows in flows',
      () => count("SELECT count() FROM flows WHERE clusterUUID = 'http-test'"),
      (n) => n === 13
    );
    expect(
      await count("SELECT count() FROM flows WHERE ingressNetworkPolicyRuleAction = 2 AND clusterUUID = 'http-test'")
    ).toBe(2);
  });

  it('answers which lines it could not take and why, storing the rest', async () => {
    const port = ingest.service.httpPort;
    const [good] = fixtureLines('hubble-printer-dropped.jsonl');
    const answer = await post(
      port,
      '/v1/flows?cluster=mixed',
      ['not json', good, '{"a":1}', `{"x":"${'y'.repeat(9000)}"}`].join('\n')
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ accepted: 1, rejected: 3 });
    expect((answer.json.firstRejections as Array<{ reason: string }>).map((r) => r.reason)).toEqual([
      'not-json',
      'unknown-format',
      'line-too-long',
    ]);
    const none = await post(port, '/v1/flows', 'garbage');
    expect(none.status).toBe(400);
    await eventually(
      'the good line',
      () => count("SELECT count() FROM flows WHERE clusterUUID = 'mixed'"),
      (n) => n === 1
    );
  });

  it('refuses bodies over the limit, plain or once decompressed, with 413', async () => {
    const port = ingest.service.httpPort;
    const big = 'x'.repeat(100 * 1024);
    expect((await post(port, '/v1/flows', big)).status).toBe(413);
    const bomb = await post(port, '/v1/flows', big, undefined, true);
    expect(bomb.status).toBe(413);
    expect(String(bomb.json.error)).toMatch(/once decompressed/);
  });

  it('stores NetworkPolicy changes from an audit EventList in policy_events', async () => {
    const port = ingest.service.httpPort;
    const configMap = fixtureJson('audit-falco-delete-configmap.json');
    const policy = {
      ...configMap,
      objectRef: {
        apiGroup: 'networking.k8s.io',
        apiVersion: 'v1',
        resource: 'networkpolicies',
        namespace: 'default',
        name: 'deny-all',
      },
    };
    const list = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: [configMap, policy] };
    const answer = await post(port, '/v1/audit?cluster=audit-test', JSON.stringify(list));
    expect(answer).toMatchObject({ status: 200, json: { policyChanges: 1, ignored: { 'not-a-policy': 1 } } });
    await eventually(
      'policy_events',
      () =>
        clickhouse.query(
          "SELECT userName, verb, policyName FROM policy_events WHERE clusterUUID = 'audit-test' FORMAT TSV"
        ),
      (text) => text.trim() === 'minikube-user\tdelete\tdeny-all'
    );
    expect((await post(port, '/v1/audit', '{"kind":"PodList"}')).status).toBe(400);
  });

  it('counts accepted and rejected lines in /metrics', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${ingest.service.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/flowlens_ingest_lines_accepted_total\{input="http",format="hubble"\} 13/);
    expect(metrics).toMatch(/flowlens_ingest_lines_rejected_total\{input="http",reason="not-json"\} 2/);
    expect(metrics).toMatch(/flowlens_ingest_rows_inserted_total\{table="flows"\} 14/);
    expect(metrics).toMatch(/flowlens_ingest_audit_events_total\{outcome="policy-change"\} 1/);
  });
});
