import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSink, loadIntoChdb, writeFlows } from '@flowlens/flowgen';
import { FakesnowServer, startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../src/engines/createEngine.ts';
import type { Frame } from '../../src/frames/frame.ts';
import { DatasourceInstances } from '../../src/handlers/datasourceInstances.ts';
import { queryData } from '../../src/handlers/queryData.ts';
import { QueryMetrics } from '../../src/handlers/queryMetrics.ts';
import type { DataResponse, DataSourceSettings } from '../../src/handlers/types.ts';
import type { TimeRange } from '../../src/timeRange.ts';
import { encodeFrame } from '../../src/protocol/arrowFrames.ts';
import { clickhouseDataSource, quietLogger } from '../support/engines.ts';
import {
  flowsSchemaSql,
  snowflakeDatabase,
  snowflakeDataSource,
  snowflakeEngine,
  snowflakeSchema,
} from '../support/snowflake.ts';
import { grafanaNodeGraphNames, type GrafanaNodeGraphNames } from './support/grafanaNodeGraph.ts';
import { insertHandMadeFlows } from './support/handMadeFlows.ts';
import { singleWorkloadFlows, smallClusterFlows } from './support/smallCluster.ts';

/**
 * The serviceMap query type end to end, through QueryData, on chDB (ClickHouse 26) and fakesnow
 * (Snowflake): the frames Grafana's node graph reads, every number of a hand-made cluster, flowgen's
 * cluster grouped three ways, an empty range, a single node, folding, and bad input. Both engines hold
 * the same rows and must give the same frames.
 */
const hour = 3600;
const smallT0 = Date.parse('2024-06-01T10:00:00Z') / 1000;
const singleT0 = Date.parse('2024-06-02T10:00:00Z') / 1000;
const range = (t0: number): TimeRange => ({ fromMs: t0 * 1000, toMs: (t0 + hour) * 1000 });
const smallRange = range(smallT0);
const singleRange = range(singleT0);
const emptyRange = range(Date.parse('2020-01-01T00:00:00Z') / 1000);
const generation = { from: '2025-01-06T08:00:00Z', to: '2025-01-06T09:00:00Z', scale: 0.25 };
const flowgenRange: TimeRange = { fromMs: Date.parse(generation.from), toMs: Date.parse(generation.to) };
type Engine = 'clickhouse' | 'snowflake';
const engines: Engine[] = ['clickhouse', 'snowflake'];

let dir: string;
let session: Session;
let http: ChdbHttpServer;
let fakesnow: FakesnowServer;
let instances: DatasourceInstances;
let grafana: GrafanaNodeGraphNames;
const dataSources = {} as Record<Engine, DataSourceSettings>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-servicemap-'));
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
  await insertHandMadeFlows([...smallClusterFlows(smallT0), ...singleWorkloadFlows(singleT0)], {
    session,
    fakesnow,
    csvPath: join(dir, 'hand-made.csv'),
  });
  instances = new DatasourceInstances(createEngine, quietLogger);
  dataSources.clickhouse = clickhouseDataSource(http.url);
  dataSources.snowflake = snowflakeDataSource(fakesnow);
  grafana = await grafanaNodeGraphNames();
}, 300_000);

afterAll(async () => {
  await instances?.closeAll();
  await http?.close();
  session?.close();
  await fakesnow?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ask(
  engine: Engine,
  queries: Array<{ refId?: string; queryType?: string; json: Record<string, unknown> }>,
  timeRange: TimeRange
): Promise<Map<string, DataResponse>> {
  return queryData(
    {
      context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource: dataSources[engine] },
      queries: queries.map((query, i) => ({
        refId: query.refId ?? String.fromCharCode(65 + i),
        queryType: query.queryType ?? 'serviceMap',
        maxDataPoints: 1000,
        intervalMs: 60_000,
        timeRange,
        json: query.json,
      })),
      signal: new AbortController().signal,
    },
    { instances, metrics: new QueryMetrics(), logger: quietLogger }
  );
}

async function serviceMap(
  engine: Engine,
  timeRange: TimeRange,
  settings: Record<string, unknown> = {},
  adHocFilters?: Array<{ key: string; operator: string; value: string }>
): Promise<{ nodes: Frame; edges: Frame; response: DataResponse }> {
  const response = (
    await ask(
      engine,
      [{ json: { serviceMap: { version: 1, ...settings }, ...(adHocFilters ? { adHocFilters } : {}) } }],
      timeRange
    )
  ).get('A')!;
  expect(response.error, response.error).toBeUndefined();
  const byName = (name: string) => response.frames.find((frame) => frame.name === name)!;
  return { nodes: byName('nodes'), edges: byName('edges'), response };
}

function column(frame: Frame, name: string): unknown[] {
  const found = frame.fields.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`frame ${frame.name} has no field ${name}`);
  return [...found.values].map((value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
}

/** Rows as objects, by the frame's `id`. */
function rowsById(frame: Frame): Map<string, Record<string, unknown>> {
  const ids = column(frame, 'id') as string[];
  return new Map(
    ids.map((id, row) => [
      id,
      Object.fromEntries(frame.fields.map((field) => [field.name, column(frame, field.name)[row]])),
    ])
  );
}

/** Everything Grafana receives of a frame except the engine-specific SQL. */
function comparable(frames: Frame[]): unknown {
  return frames.map((frame) => ({
    name: frame.name,
    refId: frame.refId,
    meta: { ...frame.meta, executedQueryString: undefined },
    fields: frame.fields.map((field) => ({
      name: field.name,
      kind: field.kind,
      config: field.config,
      values: [...field.values],
    })),
  }));
}

/** What the node graph needs to draw without breaking: a graph whose edges join its nodes, arcs that sum to 1. */
function expectConsistentGraph(nodes: Frame, edges: Frame): void {
  const ids = column(nodes, 'id') as string[];
  expect(new Set(ids).size).toBe(ids.length);
  const known = new Set(ids);
  const edgeIds = column(edges, 'id') as string[];
  expect(new Set(edgeIds).size).toBe(edgeIds.length);
  const sources = column(edges, 'source') as string[];
  const targets = column(edges, 'target') as string[];
  sources.forEach((source, row) => {
    expect(known.has(source), `edge ${edgeIds[row]} from a missing node`).toBe(true);
    expect(known.has(targets[row]!), `edge ${edgeIds[row]} to a missing node`).toBe(true);
    expect(source).not.toBe(targets[row]);
  });
  const allowed = column(nodes, 'arc__allowed') as number[];
  const denied = column(nodes, 'arc__denied') as number[];
  allowed.forEach((share, row) => {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(denied[row]!).toBeGreaterThanOrEqual(0);
    expect(share + denied[row]!).toBeCloseTo(1, 9);
  });
}

describe("Grafana's node graph contract", () => {
  it.each(engines)(
    '%s: frames named nodes and edges, typed and marked as the node graph reads them',
    async (engine) => {
      const { response, nodes, edges } = await serviceMap(engine, smallRange);
      expect(response.frames.map((frame) => frame.name)).toEqual(['nodes', 'edges']);
      const names = grafana.fieldNames;
      // Grafana finds fields by these names, lower-cased (getNodeFields / getEdgeFields).
      const kinds = (frame: Frame) =>
        Object.fromEntries(frame.fields.map((field) => [field.name.toLowerCase(), field.kind]));
      expect(kinds(nodes)).toMatchObject({
        [names.id!]: 'string',
        [names.title!]: 'string',
        [names.subTitle!]: 'string',
        [names.mainStat!]: 'string',
        [names.secondaryStat!]: 'string',
        [`${names.arc}allowed`]: 'number',
        [`${names.arc}denied`]: 'number',
        [names.color!]: 'string',
        [names.icon!]: 'string',
        [names.nodeRadius!]: 'number',
        [names.highlighted!]: 'boolean',
        [`${names.detail}kind`]: 'string',
      });
      expect(kinds(edges)).toMatchObject({
        [names.id!]: 'string',
        [names.source!]: 'string',
        [names.target!]: 'string',
        [names.mainStat!]: 'string',
        [names.secondaryStat!]: 'string',
        [names.thickness!]: 'number',
        [names.color!]: 'string',
        [names.strokeDasharray!]: 'string',
        [`${names.detail}bytes`]: 'string',
      });
      // useCategorizeFrames: the frame with a `source` field is the edges; the nodes frame must have none.
      expect(nodes.fields.some((field) => field.name === 'source')).toBe(false);
      for (const arc of nodes.fields.filter((field) => field.name.startsWith(names.arc!))) {
        expect((arc.config?.color as { fixedColor?: string } | undefined)?.fixedColor, arc.name).toMatch(
          /^(green|red)$/
        );
      }
      for (const icon of column(nodes, 'icon') as string[]) {
        if (icon !== '') expect(grafana.icons[icon], icon).toBe(true);
      }
      for (const frame of [nodes, edges]) {
        expect(frame.meta?.preferredVisualisationType).toBe('nodeGraph');
        // As Grafana receives it: Arrow IPC with the frame's name and meta, each field's type in tstype.
        const table = tableFromIPC(encodeFrame(frame));
        expect(table.schema.metadata.get('name')).toBe(frame.name);
        expect(JSON.parse(table.schema.metadata.get('meta')!)).toMatchObject({
          preferredVisualisationType: 'nodeGraph',
        });
        expect(table.schema.fields.map((field) => [field.name, field.metadata.get('tstype')])).toEqual(
          frame.fields.map((field) => [field.name, field.kind])
        );
        expect(table.numRows).toBe(frame.fields[0]!.values.length);
      }
      expectConsistentGraph(nodes, edges);
    }
  );
});

describe('a hand-made cluster, worked out by hand', () => {
  it.each(engines)(
    '%s: workloads, a Service between client and backends, outside addresses, a drop',
    async (engine) => {
      const { nodes, edges } = await serviceMap(engine, smallRange);
      const node = rowsById(nodes);
      expect([...node.keys()].sort()).toEqual([
        'external:198.51.100.9',
        'external:203.0.113.7',
        'service:web/api',
        'service:web/frontend',
        'workload:data/db',
        'workload:web/api',
        'workload:web/frontend',
      ]);
      // Two ReplicaSets' pods (different pod-template-hash) are one workload, named by its app label.
      expect(node.get('workload:web/api')).toMatchObject({
        title: 'api',
        subtitle: 'web',
        detail__members: '2 pods: api-5f6d7c8b9a-xyz12, api-6c8d9e7f5a-qwe34',
        bytesReceived: 3600,
        bytesSent: 0,
        icon: '',
      });
      expect(node.get('service:web/api')).toMatchObject({
        title: 'api',
        subtitle: 'Service in web',
        icon: 'exchange-alt',
        detail__kind: 'Service',
      });
      expect(node.get('external:203.0.113.7')).toMatchObject({
        title: '203.0.113.7',
        subtitle: 'external IP',
        icon: 'cloud',
        podPattern: '^203\\.0\\.113\\.7$',
      });
      // frontend: 200 bytes in (from outside, through its Service), 4,700 out; 1 of its 6 connections denied.
      expect(node.get('workload:web/frontend')).toMatchObject({
        mainstat: '200 B in',
        secondarystat: '4.59 KiB out',
        bytesReceived: 200,
        bytesSent: 4700,
        connections: 6,
        deniedConnections: 1,
        arc__denied: 0.1667,
        highlighted: true,
        podPattern: '^web/(frontend-7d4b9c8f6d-abcde)$',
      });
      expect(node.get('workload:data/db')).toMatchObject({ arc__allowed: 0, arc__denied: 1, highlighted: true });
      expect(node.get('workload:web/api')).toMatchObject({ arc__allowed: 1, arc__denied: 0, highlighted: false });

      const edge = rowsById(edges);
      expect([...edge.keys()]).toEqual([
        'service:web/api->workload:web/api',
        'workload:web/frontend->service:web/api',
        'workload:web/frontend->external:203.0.113.7',
        'external:198.51.100.9->service:web/frontend',
        'service:web/frontend->workload:web/frontend',
        'workload:web/frontend->workload:data/db',
      ]);
      // 1,000 + 1,000 + 1,000 + 600 bytes of records ending in the range; the rate takes half of the
      // record that began before the range and half of the one ending after it: 4,300 bytes × 8 ÷ 3,600 s.
      for (const id of ['workload:web/frontend->service:web/api', 'service:web/api->workload:web/api']) {
        expect(edge.get(id)).toMatchObject({
          bytes: 3600,
          flowRecords: 4,
          connections: 3,
          deniedConnections: 0,
          bitsPerSecond: 9.556,
          mainstat: '3.52 KiB',
          secondarystat: '9.56 bit/s',
          color: '#999999',
          strokeDasharray: '',
        });
      }
      expect(edge.get('workload:web/frontend->external:203.0.113.7')).toMatchObject({
        bytes: 1000,
        flowRecords: 2,
        connections: 1,
        bitsPerSecond: 2.222,
      });
      expect(edge.get('workload:web/frontend->workload:data/db')).toMatchObject({
        bytes: 100,
        deniedConnections: 1,
        color: '#f2495c',
        strokeDasharray: '5 3',
        detail__connections: '1, 1 denied',
      });
      expectConsistentGraph(nodes, edges);
    }
  );

  it.each(engines)('%s: the same flows by pod, by namespace and without Service nodes', async (engine) => {
    const byPod = await serviceMap(engine, smallRange, { groupBy: 'pod' });
    expect(column(byPod.nodes, 'id')).toEqual(
      expect.arrayContaining(['pod:web/api-5f6d7c8b9a-xyz12', 'pod:web/api-6c8d9e7f5a-qwe34', 'pod:data/db-0'])
    );
    expect(column(byPod.nodes, 'id')).toHaveLength(8);
    const byNamespace = await serviceMap(engine, smallRange, { groupBy: 'namespace' });
    expect((column(byNamespace.edges, 'id') as string[]).sort()).toEqual([
      'external:198.51.100.9->service:web/frontend',
      'namespace:web->external:203.0.113.7',
      'namespace:web->namespace:data',
      'namespace:web->service:web/api',
      'service:web/api->namespace:web',
      'service:web/frontend->namespace:web',
    ]);
    const direct = await serviceMap(engine, smallRange, { services: false });
    expect(column(direct.nodes, 'id')).not.toContain('service:web/api');
    expect(rowsById(direct.edges).get('workload:web/frontend->workload:web/api')).toMatchObject({ bytes: 3600 });
    expect(rowsById(direct.edges).get('external:198.51.100.9->workload:web/frontend')).toMatchObject({ bytes: 200 });
    for (const map of [byPod, byNamespace, direct]) expectConsistentGraph(map.nodes, map.edges);
  });

  it.each(engines)('%s: filters with the builder keys and ad-hoc filters narrow the map', async (engine) => {
    const dataOnly = await serviceMap(engine, smallRange, {
      filters: [{ key: 'namespace', operator: 'in', value: ['data'] }],
    });
    expect((column(dataOnly.nodes, 'id') as string[]).sort()).toEqual(['workload:data/db', 'workload:web/frontend']);
    const noDrops = await serviceMap(engine, smallRange, {}, [
      { key: 'ingressNetworkPolicyRuleAction', operator: '!=', value: '2' },
    ]);
    expect(column(noDrops.nodes, 'id')).not.toContain('workload:data/db');
    expect(column(noDrops.nodes, 'deniedConnections')).toEqual(column(noDrops.nodes, 'deniedConnections').map(() => 0));
  });

  it.each(engines)('%s: folds the smallest nodes into "Other" nodes and says so', async (engine) => {
    const { nodes, edges, response } = await serviceMap(engine, smallRange, { maxNodes: 5 });
    // By traffic: Service api (7,200 bytes in and out), frontend (4,900) stay; web's api and frontend
    // Service, the two outside addresses and data's db fold, one "Other" per namespace and one outside.
    expect(column(nodes, 'id')).toEqual([
      'service:web/api',
      'workload:web/frontend',
      'other:web',
      'other:external',
      'other:data',
    ]);
    expect(rowsById(nodes).get('other:web')).toMatchObject({
      title: 'Other (1 workload, 1 Service)',
      subtitle: 'web',
      icon: 'layer-group',
    });
    expect(rowsById(nodes).get('other:external')).toMatchObject({ title: 'Other (2 external IPs)' });
    expect(rowsById(edges).get('other:external->other:web')).toMatchObject({ bytes: 200 });
    const notices = response.frames[0]!.meta!.notices!;
    expect(notices.map((notice) => notice.text)).toEqual([
      'Showing 2 of 7 nodes: the 5 with the least traffic are folded into 3 "Other" nodes (by namespace; external IPs together), to stay within 5 nodes.',
    ]);
    expectConsistentGraph(nodes, edges);
    // Folding moves traffic between nodes, never loses it: bytes received over all nodes are the same.
    const unfolded = await serviceMap(engine, smallRange);
    const total = (frame: Frame) => (column(frame, 'bytesReceived') as number[]).reduce((sum, bytes) => sum + bytes, 0);
    expect(total(nodes)).toBe(total(unfolded.nodes));
    const all = await serviceMap(engine, smallRange, { maxNodes: 3, foldBy: 'all' });
    // Nodes are listed busiest first: the one "Other" now carries more than frontend.
    expect(column(all.nodes, 'id')).toEqual(['service:web/api', 'other:all', 'workload:web/frontend']);
    expect(total(all.nodes)).toBe(total(unfolded.nodes));
  });
});

describe('edge cases', () => {
  it.each(engines)('%s: an empty range is a valid empty graph with a notice', async (engine) => {
    const { nodes, edges, response } = await serviceMap(engine, emptyRange);
    expect(nodes.fields.map((field) => field.name)).toContain('arc__denied');
    expect(edges.fields.map((field) => field.name)).toContain('source');
    expect(column(nodes, 'id')).toEqual([]);
    expect(column(edges, 'id')).toEqual([]);
    expect(response.frames[0]!.meta!.notices).toEqual([
      expect.objectContaining({ severity: 'info', text: expect.stringMatching(/^No flows in the time range match/) }),
    ]);
    for (const frame of [nodes, edges]) expect(tableFromIPC(encodeFrame(frame)).numRows).toBe(0);
  });

  it.each(engines)('%s: two pods of one workload are one node and no edge', async (engine) => {
    const { nodes, edges } = await serviceMap(engine, singleRange);
    expect(column(nodes, 'id')).toEqual(['workload:cache/cache']);
    expect(rowsById(nodes).get('workload:cache/cache')).toMatchObject({
      bytesReceived: 4096,
      bytesSent: 4096,
      mainstat: '4 KiB in',
      detail__members: '2 pods: cache-0, cache-1',
    });
    expect(column(edges, 'id')).toEqual([]);
    const byPod = await serviceMap(engine, singleRange, { groupBy: 'pod' });
    expect(column(byPod.edges, 'id')).toEqual(['pod:cache/cache-0->pod:cache/cache-1']);
  });

  it('bad settings are errors of their own query, naming what is wrong; the others still answer', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /missing its "serviceMap" settings/],
      [{ serviceMap: { groupBy: 'workload' } }, /version undefined is not supported/],
      [{ serviceMap: { version: 1, groupBy: 'node' } }, /groupBy "node" is not one of workload, namespace, pod/],
      [{ serviceMap: { version: 1, colour: 'red' } }, /unknown service map setting "colour"/],
      [{ serviceMap: { version: 1, maxNodes: 500 } }, /maxNodes must be a whole number from 2 to 200/],
      [{ serviceMap: { version: 1, foldBy: 'cluster' } }, /foldBy "cluster" is not one of namespace, all/],
      [{ serviceMap: { version: 1, services: 'yes' } }, /services must be true or false/],
      [{ serviceMap: { version: 1, filters: 'namespace=web' } }, /filters must be a list/],
      [
        { serviceMap: { version: 1, filters: [{ key: 'nosuchcolumn', operator: '=', value: 'x' }] } },
        /filter key "nosuchcolumn" is not a flows column or builder field/,
      ],
    ];
    const responses = await ask(
      'clickhouse',
      [...bad.map(([json]) => ({ json })), { json: { serviceMap: { version: 1 } } }],
      smallRange
    );
    bad.forEach(([, message], i) => {
      const response = responses.get(String.fromCharCode(65 + i))!;
      expect(response.error).toMatch(message);
      expect(response.status).toBe(400);
    });
    expect(responses.get(String.fromCharCode(65 + bad.length))!.error).toBeUndefined();
  });
});

describe("flowgen's cluster", () => {
  it.each(['workload', 'namespace', 'pod'])('by %s: the same frames on ClickHouse and Snowflake', async (groupBy) => {
    const [clickhouse, snowflake] = await Promise.all(
      engines.map((engine) =>
        serviceMap(engine, flowgenRange, {
          groupBy,
          filters: [
            { key: 'namespace', operator: 'not in', value: ['kube-system', 'flow-aggregator', 'flow-visibility'] },
          ],
        })
      )
    );
    expect(column(clickhouse!.nodes, 'id').length).toBeGreaterThan(5);
    expect(comparable(snowflake!.response.frames)).toEqual(comparable(clickhouse!.response.frames));
    expectConsistentGraph(clickhouse!.nodes, clickhouse!.edges);
  });

  it('draws bookinfo as Hubble would: productpage → Service reviews → reviews (its three versions one node)', async () => {
    const { nodes, edges } = await serviceMap('clickhouse', flowgenRange, {
      filters: [{ key: 'namespace', operator: 'in', value: ['bookinfo'] }],
      maxNodes: 200,
    });
    const ids = column(nodes, 'id') as string[];
    expect(ids).toEqual(
      expect.arrayContaining(['workload:bookinfo/productpage', 'service:bookinfo/reviews', 'workload:bookinfo/reviews'])
    );
    expect(ids.filter((id) => id.startsWith('workload:bookinfo/reviews'))).toEqual(['workload:bookinfo/reviews']);
    expect(rowsById(nodes).get('workload:bookinfo/reviews')!.detail__members).toMatch(/^3 pods: reviews-v1-/);
    expect(column(edges, 'id')).toEqual(
      expect.arrayContaining([
        'workload:bookinfo/productpage->service:bookinfo/reviews',
        'service:bookinfo/reviews->workload:bookinfo/reviews',
      ])
    );
  });

  it('agrees with the Flows builder: every byte once at its sender, the same throughput', async () => {
    const builder = async (metric: string, filters: unknown[] = []) => {
      const response = (
        await ask(
          'clickhouse',
          [{ queryType: 'flows', json: { flows: { version: 1, view: 'all', metric, filters } } }],
          flowgenRange
        )
      ).get('A')!;
      expect(response.error, response.error).toBeUndefined();
      return Number(column(response.frames[0]!, metric)[0]);
    };
    const sum = (values: unknown[]) => (values as number[]).reduce((total, value) => total + value, 0);
    // Folding or not, each link's bytes count once at its source node (traffic inside a node included).
    const byNamespace = await serviceMap('clickhouse', flowgenRange, { groupBy: 'namespace', services: false });
    expect(sum(column(byNamespace.nodes, 'bytesSent'))).toBe(await builder('bytes'));
    // Pod to pod nothing stays inside a node, so the drawn edges' rates add up to the builder's throughput.
    const bookinfo = [{ key: 'namespace', operator: 'in', value: ['bookinfo'] }];
    const byPod = await serviceMap('clickhouse', flowgenRange, {
      groupBy: 'pod',
      maxNodes: 200,
      services: false,
      filters: bookinfo,
    });
    expect(byPod.nodes.meta?.custom?.folding).toBeUndefined();
    expect(sum(column(byPod.edges, 'bitsPerSecond'))).toBeCloseTo(await builder('throughput', bookinfo), 0);
  });
});
