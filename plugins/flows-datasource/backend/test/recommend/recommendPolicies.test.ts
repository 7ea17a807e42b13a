import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Session } from 'chdb';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FileSink, loadIntoChdb, writeFlows } from '@flowlens/flowgen';
import { FakesnowServer, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../src/engines/createEngine.ts';
import type { Frame } from '../../src/frames/frame.ts';
import { DatasourceInstances } from '../../src/handlers/datasourceInstances.ts';
import { queryData } from '../../src/handlers/queryData.ts';
import { QueryMetrics } from '../../src/handlers/queryMetrics.ts';
import type { DataResponse, DataSourceSettings } from '../../src/handlers/types.ts';
import { policyNamespaces } from '../../src/recommend/connectionRules.ts';
import { PolicyEvaluator, type Probe } from '../../src/recommend/evaluator/policyEvaluator.ts';
import {
  connectionKinds,
  observedConnectionsSql,
  type ConnectionKind,
} from '../../src/recommend/observedConnections.ts';
import type { RecommendedPolicy } from '../../src/recommend/policyTypes.ts';
import { probeOf } from '../../src/recommend/recommendation.ts';
import {
  defaultRecommendOptions,
  type Granularity,
  type PolicyType,
  type RecommendOptions,
} from '../../src/recommend/recommendOptions.ts';
import { partyOf } from '../../src/recommend/workloads.ts';
import { clickhouseDialect } from '../../src/sql/clickhouseDialect.ts';
import { expandMacros } from '../../src/sql/macroExpander.ts';
import { clickhouseDataSource, quietLogger } from '../support/engines.ts';
import {
  flowsSchemaSql,
  snowflakeDatabase,
  snowflakeDataSource,
  snowflakeEngine,
  snowflakeSchema,
} from '../support/snowflake.ts';
import { antreaPolicySchema } from './support/antreaPolicySchema.ts';

/**
 * Policy recommendation on flowgen's cluster, end to end: connection kinds counted in the database,
 * policies of each type and granularity, validated against their APIs' schemas and replayed through
 * the evaluator, the same on ClickHouse (chDB) and Snowflake (fakesnow).
 */
const generation = { from: '2025-01-06T08:00:00Z', to: '2025-01-06T09:00:00Z', scale: 0.5 };
const timeRange = { fromMs: Date.parse('2025-01-06T08:00:00Z'), toMs: Date.parse('2025-01-06T09:00:00Z') };
const policyTypes: PolicyType[] = ['k8s-np', 'anp-deny-applied', 'anp-deny-all'];
const granularities: Granularity[] = ['workload', 'namespace'];
const kubeDns = { kind: 'pod' as const, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };

let dir: string;
let session: Session;
let http: ChdbHttpServer;
let fakesnow: FakesnowServer;
let instances: DatasourceInstances;
let clickhouse: DataSourceSettings;
let kinds: ConnectionKind[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-recommend-'));
  session = new Session(join(dir, 'chdb'));
  const csv = join(dir, 'flows.csv');
  const [loaded] = await Promise.all([
    loadIntoChdb(session, generation),
    writeFlows(new FileSink({ format: 'csv', output: csv }), generation),
    FakesnowServer.launch().then((server) => {
      fakesnow = server;
    }),
  ]);
  http = await startChdbHttpServer({ session });
  const engine = snowflakeEngine(fakesnow);
  try {
    await engine.query(flowsSchemaSql, { timeoutMs: 30_000, rowLimit: 10, signal: new AbortController().signal });
  } finally {
    await engine.close();
  }
  expect(await fakesnow.loadCsv(`${snowflakeDatabase}.${snowflakeSchema}.FLOWS`, csv)).toBe(loaded.rows);
  instances = new DatasourceInstances(createEngine, quietLogger);
  clickhouse = clickhouseDataSource(http.url);
  // The connection kinds as the recommendation reads them, to replay against its policies.
  const sql = expandMacros(observedConnectionsSql(defaultRecommendOptions, clickhouseDialect, []), clickhouseDialect, {
    timeRange,
    intervalMs: 60_000,
  });
  const result = await instances.get(clickhouse).engine.query(sql, {
    timeoutMs: 60_000,
    rowLimit: 1_000_000,
    signal: new AbortController().signal,
  });
  kinds = connectionKinds(result);
}, 300_000);

afterAll(async () => {
  await instances?.closeAll();
  await http?.close();
  session?.close();
  await fakesnow?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function recommendOn(dataSource: DataSourceSettings, recommend: Record<string, unknown>): Promise<DataResponse> {
  const responses = await queryData(
    {
      context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource },
      queries: [
        {
          refId: 'A',
          queryType: 'recommendPolicies',
          maxDataPoints: 1000,
          intervalMs: 60_000,
          timeRange,
          json: { recommend: { version: 1, ...recommend } },
        },
      ],
      signal: new AbortController().signal,
    },
    { instances, metrics: new QueryMetrics(), logger: quietLogger }
  );
  return responses.get('A')!;
}

function wholeYaml(response: DataResponse): string {
  expect(response.error, response.error).toBeUndefined();
  const frame = response.frames.find((candidate) => candidate.name === 'recommendation')!;
  return String(frame.fields.find((field) => field.name === 'yaml')!.values.get(0));
}

function policiesFrom(yaml: string): RecommendedPolicy[] {
  return parseAllDocuments(yaml).map((document) => document.toJSON() as RecommendedPolicy);
}

function column(frame: Frame, name: string): unknown[] {
  return [...frame.fields.find((field) => field.name === name)!.values];
}

const ajv = new Ajv({ allErrors: true });
const validateAntrea = ajv.compile(antreaPolicySchema);

describe.each(policyTypes)('%s', (policyType) => {
  describe.each(granularities)('one policy per %s', (granularity) => {
    const options: RecommendOptions = { ...defaultRecommendOptions, policyType, granularity };
    let policies: RecommendedPolicy[];
    let response: DataResponse;

    beforeAll(async () => {
      response = await recommendOn(clickhouse, { policyType, granularity });
      policies = policiesFrom(wholeYaml(response));
    });

    it('gives a policy for every namespace or workload that talked, and each row its YAML', () => {
      const frame = response.frames.find((candidate) => candidate.name === 'policies')!;
      expect(column(frame, 'name')).toEqual(policies.map((policy) => policy.metadata.name));
      expect(
        column(frame, 'yaml').every((yaml) => typeof yaml === 'string' && String(yaml).includes('apiVersion'))
      ).toBe(true);
      const namespaces = new Set(
        policies.flatMap((policy) => ('namespace' in policy.metadata ? [policy.metadata.namespace] : []))
      );
      expect([...namespaces].sort()).toEqual(['bookinfo', 'dev', 'monitoring', 'reports', 'shop']);
      expect(frame.meta?.custom).toEqual({ unallowedConnections: 0 });
    });

    it('validates against the API schemas (Kubernetes 1.27 OpenAPI; Antrea v1beta1 CRDs)', () => {
      for (const policy of policies) {
        if (policy.apiVersion === 'networking.k8s.io/v1') {
          expect(() => new NetworkPolicy(policy as never).validate(), policy.metadata.name).not.toThrow();
        } else {
          expect(validateAntrea(policy), `${policy.metadata.name}: ${ajv.errorsText(validateAntrea.errors)}`).toBe(
            true
          );
        }
      }
      expect(
        policies.some(
          (policy) => policy.apiVersion === (policyType === 'k8s-np' ? 'networking.k8s.io/v1' : 'crd.antrea.io/v1beta1')
        )
      ).toBe(true);
    });

    it('allows every observed connection, replayed from its YAML', () => {
      const evaluator = new PolicyEvaluator(policies);
      const refused = kinds.filter((kind) => !evaluator.evaluate(probeOf(kind)).allowed);
      expect(refused).toEqual([]);
      expect(kinds.length).toBeGreaterThan(50);
    });

    it('denies what was never observed between the workloads it isolates', () => {
      const evaluator = new PolicyEvaluator(policies);
      const covered = policyNamespaces(options);
      const parties = new Map<string, Probe['source']>();
      const talked = new Set<string>();
      for (const kind of kinds) {
        const source = partyOf(kind.source, granularity, true);
        const destination = partyOf(kind.destination, granularity, true);
        if (source.kind === 'workload' && destination.kind === 'workload')
          talked.add(`${source.key}→${destination.key}`);
        for (const [party, end] of [
          [source, kind.source],
          [destination, kind.destination],
        ] as const) {
          if (party.kind === 'workload' && covered(party.namespace) && end.kind === 'pod') {
            parties.set(party.key, probeOf({ ...kind, source: end }).source);
          }
        }
      }
      expect(parties.size).toBeGreaterThan(granularity === 'workload' ? 8 : 3);
      let pairs = 0;
      for (const [fromKey, from] of parties) {
        for (const [toKey, to] of parties) {
          if (fromKey === toKey || talked.has(`${fromKey}→${toKey}`)) continue;
          pairs++;
          const verdict = evaluator.evaluate({ source: from, destination: to, port: 31337, protocol: 6 });
          expect(verdict.allowed, `${fromKey} → ${toKey}`).toBe(false);
        }
      }
      expect(pairs).toBeGreaterThan(0);
      // An observed pair on a port it never used is denied too.
      const observed = kinds.find(
        (kind) =>
          kind.source.kind === 'pod' &&
          kind.destination.kind === 'pod' &&
          covered((kind.destination as { namespace: string }).namespace)
      )!;
      expect(evaluator.evaluate({ ...probeOf(observed), port: 31337 }).allowed).toBe(false);
    });

    it('lets every isolated workload resolve names through kube-dns', () => {
      const evaluator = new PolicyEvaluator(policies);
      for (const kind of kinds) {
        if (kind.source.kind !== 'pod' || !policyNamespaces(options)(kind.source.namespace)) continue;
        const source = probeOf(kind).source;
        expect(evaluator.evaluate({ source, destination: kubeDns, port: 53, protocol: 17 }).allowed).toBe(true);
      }
    });

    it('names policies from their content: the same flows, the same YAML', async () => {
      expect(wholeYaml(await recommendOn(clickhouse, { policyType, granularity }))).toBe(wholeYaml(response));
    });

    it('recommends the same on Snowflake (fakesnow)', async () => {
      expect(wholeYaml(await recommendOn(snowflakeDataSource(fakesnow), { policyType, granularity }))).toBe(
        wholeYaml(response)
      );
    });
  });
});

describe('options', () => {
  it('without allowDns writes no kube-dns rule of its own, and still allows the DNS that was observed', async () => {
    const yaml = wholeYaml(await recommendOn(clickhouse, { allowDns: false }));
    const policies = policiesFrom(yaml);
    const evaluator = new PolicyEvaluator(policies);
    expect(kinds.filter((kind) => !evaluator.evaluate(probeOf(kind)).allowed)).toEqual([]);
    // The rule allowDns adds opens TCP 53 too; flowgen's pods only ever asked over UDP.
    const tcpDnsRules = policies.flatMap((policy) =>
      (
        (policy as { spec: { egress?: Array<{ ports?: Array<{ protocol: string; port?: number }> }> } }).spec.egress ??
        []
      ).filter((rule) => rule.ports?.some((port) => port.protocol === 'TCP' && port.port === 53))
    );
    expect(kinds.some((kind) => kind.port === 53 && kind.protocol === 6)).toBe(false);
    expect(tcpDnsRules).toEqual([]);
    expect(
      policiesFrom(wholeYaml(await recommendOn(clickhouse, {}))).some((policy) =>
        JSON.stringify(policy).includes('"protocol":"TCP","port":53')
      )
    ).toBe(true);
  });

  it('covers only the namespaces asked for, and uses toServices only when asked', async () => {
    const only = policiesFrom(
      wholeYaml(await recommendOn(clickhouse, { policyType: 'anp-deny-applied', namespaces: ['shop'] }))
    );
    const namespaced = only.filter((policy) => policy.kind === 'NetworkPolicy');
    expect(new Set(namespaced.map((policy) => (policy.metadata as { namespace: string }).namespace))).toEqual(
      new Set(['shop'])
    );
    expect(JSON.stringify(only)).toContain('toServices');
    const without = wholeYaml(await recommendOn(clickhouse, { policyType: 'anp-deny-applied', toServices: false }));
    expect(without).not.toContain('toServices');
  });

  it('reads fewer connections on a subsequent run: only flows no applied policy covered', async () => {
    const connections = (response: DataResponse) =>
      (
        column(
          response.frames.find((frame) => frame.name === 'policies')!,
          'connections'
        ) as number[]
      ).reduce((a, b) => a + b, 0);
    const initial = connections(await recommendOn(clickhouse, {}));
    const subsequent = connections(await recommendOn(clickhouse, { runType: 'subsequent' }));
    expect(subsequent).toBeGreaterThan(0);
    expect(subsequent).toBeLessThan(initial);
  });

  it('says when the flow limit cut the connections read', async () => {
    const response = await recommendOn(clickhouse, { flowLimit: 10 });
    const notices = response.frames.find((frame) => frame.name === 'policies')!.meta?.notices ?? [];
    expect(notices[0]).toMatchObject({
      severity: 'warning',
      text: expect.stringContaining('Only the 10 busiest kinds'),
    });
  });

  it.each([
    [{ policyType: 'calico' }, 'policyType "calico" is not one of k8s-np, anp-deny-applied, anp-deny-all'],
    [{ granularity: 'pod' }, 'granularity "pod" is not one of workload, namespace'],
    [{ flowLimit: 0 }, 'flowLimit must be a whole number from 1 to 10000000, got 0'],
    [{ namespaces: [3] }, 'namespaces must be a list of names'],
    [{ allowDNS: true }, 'unknown policy recommendation setting "allowDNS"'],
  ])('refuses %j with a clear error', async (recommend, message) => {
    const response = await recommendOn(clickhouse, recommend);
    expect(response.error).toContain(message);
    expect(response.status).toBe(400);
  });

  it('refuses another model version', async () => {
    const responses = await queryData(
      {
        context: { orgId: 1, pluginId: 'x', dataSource: clickhouse },
        queries: [
          {
            refId: 'A',
            queryType: 'recommendPolicies',
            maxDataPoints: 1,
            intervalMs: 1000,
            timeRange,
            json: { recommend: { version: 2 } },
          },
        ],
        signal: new AbortController().signal,
      },
      { instances, metrics: new QueryMetrics(), logger: quietLogger }
    );
    expect(responses.get('A')!.error).toMatch(/version 2 is not supported/);
  });
});
