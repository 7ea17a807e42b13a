import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema, chdbSchemaTarget } from '@flowlens/flowgen';
import { startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../src/engines/createEngine.ts';
import type { Frame } from '../../src/frames/frame.ts';
import { DatasourceInstances } from '../../src/handlers/datasourceInstances.ts';
import { queryData } from '../../src/handlers/queryData.ts';
import { QueryMetrics } from '../../src/handlers/queryMetrics.ts';
import type { DataResponse } from '../../src/handlers/types.ts';
import { nodeGraphNodeLimit } from '../../src/servicemap/serviceMapOptions.ts';
import { clickhouseDataSource, quietLogger } from '../support/engines.ts';
import { manyPodsInsertSql } from './support/manyPods.ts';

/**
 * 5,000 pods (1,000 workloads in 50 namespaces, 1,000 Services, 200 outside addresses) in chDB: the map
 * must fold to the node limit, keep its edges on its nodes and lose no traffic. How fast it answers is
 * measured by `npm run bench -- servicemap`, not here.
 */
const pods = 5000;
const t0 = Date.parse('2024-07-01T00:00:00Z') / 1000;
const timeRange = { fromMs: t0 * 1000, toMs: (t0 + 3600) * 1000 };

let dir: string;
let session: Session;
let http: ChdbHttpServer;
let instances: DatasourceInstances;
/** Bytes each link carries, counted straight from the table: a flow through a Service is on two links. */
let linkBytes: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-servicemap-scale-'));
  session = new Session(join(dir, 'chdb'));
  // Records of 2024 kept forever: with the provisioned retention a background merge would drop them (the
  // rollup's 30 days as well as the raw table's 12 hours) while the tests run.
  await applySchema(chdbSchemaTarget(session), { retentionHours: 0, log: () => undefined });
  session.query(manyPodsInsertSql(pods, t0));
  linkBytes = Number(
    session
      .query("SELECT sum(octetDeltaCount) + sumIf(octetDeltaCount, destinationServicePortName != '') FROM flows", 'TSV')
      .trim()
  );
  http = await startChdbHttpServer({ session });
  instances = new DatasourceInstances(createEngine, quietLogger);
});

afterAll(async () => {
  await instances?.closeAll();
  await http?.close();
  session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function serviceMap(
  settings: Record<string, unknown>
): Promise<{ nodes: Frame; edges: Frame; response: DataResponse }> {
  const responses = await queryData(
    {
      context: {
        orgId: 1,
        pluginId: 'flowlens-flows-datasource',
        dataSource: clickhouseDataSource(http.url),
      },
      queries: [
        {
          refId: 'A',
          queryType: 'serviceMap',
          maxDataPoints: 1000,
          intervalMs: 60_000,
          timeRange,
          json: { serviceMap: { version: 1, ...settings } },
        },
      ],
      signal: new AbortController().signal,
    },
    { instances, metrics: new QueryMetrics(), logger: quietLogger }
  );
  const response = responses.get('A')!;
  expect(response.error, response.error).toBeUndefined();
  return { nodes: response.frames[0]!, edges: response.frames[1]!, response };
}

const values = (frame: Frame, name: string) =>
  [...frame.fields.find((field) => field.name === name)!.values] as unknown[];

describe(`${pods.toLocaleString('en-US')} pods`, () => {
  it('loads the cluster it describes', () => {
    expect(Number(session.query('SELECT uniqExact(sourcePodNamespace, sourcePodName) FROM flows', 'TSV').trim())).toBe(
      pods
    );
  });

  it.each([
    ['pod', 'namespace', 100],
    ['pod', 'all', 100],
    ['workload', 'namespace', nodeGraphNodeLimit],
    ['namespace', 'namespace', 30],
  ])('by %s, folded by %s, at most %i nodes: folded, consistent, nothing lost', async (groupBy, foldBy, maxNodes) => {
    const { nodes, edges, response } = await serviceMap({ groupBy, foldBy, maxNodes });
    const ids = values(nodes, 'id') as string[];
    expect(ids.length).toBeLessThanOrEqual(maxNodes);
    expect(ids.length).toBeGreaterThan(maxNodes / 2);
    expect(new Set(ids).size).toBe(ids.length);
    const others = ids.filter((id) => id.startsWith('other:'));
    expect(others.length).toBeGreaterThan(0);
    if (foldBy === 'all') expect(others).toEqual(['other:all']);
    expect(response.frames[0]!.meta!.notices!.map((notice) => notice.text)).toEqual([
      expect.stringMatching(/^Showing \d+ of [\d,]+ nodes: the [\d,]+ with the least traffic are folded into/),
    ]);
    const known = new Set(ids);
    const [sources, targets] = [values(edges, 'source') as string[], values(edges, 'target') as string[]];
    expect(sources.length).toBeGreaterThan(0);
    sources.forEach((source, row) => {
      expect(known.has(source) && known.has(targets[row]!)).toBe(true);
    });
    expect((values(nodes, 'bytesReceived') as number[]).reduce((sum, bytes) => sum + bytes, 0)).toBe(linkBytes);
    // Every 7th pod's connection to the next namespace was dropped: denied traffic survives folding.
    expect((values(nodes, 'deniedConnections') as number[]).some((denied) => denied > 0)).toBe(true);
  });

  it('without folding needed, every workload is its own node', async () => {
    const { nodes } = await serviceMap({
      groupBy: 'workload',
      maxNodes: nodeGraphNodeLimit,
      filters: [{ key: 'namespace', operator: 'in', value: ['ns-7'] }],
    });
    const ids = values(nodes, 'id') as string[];
    // ns-7's 20 workloads and 20 Services, the 20 workloads of ns-8 it calls, the 20 of ns-6 that call it, outside addresses.
    expect(ids.filter((id) => id.startsWith('workload:ns-7/'))).toHaveLength(20);
    expect(ids.filter((id) => id.startsWith('service:ns-7/'))).toHaveLength(20);
    expect(ids.filter((id) => id.startsWith('other:'))).toEqual([]);
  });
});
