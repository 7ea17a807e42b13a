import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../src/engines/createEngine.ts';
import { DatasourceInstances } from '../../src/handlers/datasourceInstances.ts';
import type { DataSourceSettings } from '../../src/handlers/types.ts';
import { evaluateRuleQuery, provisionedRule, worstScores } from '../support/alertRules.ts';
import { clickhouseDataSource, quietLogger } from '../support/engines.ts';

/**
 * The provisioned "Burst of dropped flows" alert rule, evaluated as Grafana alerting sends it, minute
 * after minute over 40 minutes of steady flowgen traffic with a 4-minute burst of rejected connections
 * at shop/api: each evaluation's score must be the highest count of denied flows in a cluster's
 * minute, counted straight from the raw records, over the threshold, and it fires exactly where that
 * count is above 300.
 */
const start = Date.parse('2025-01-07T09:40:00Z') / 1000;
const burst = { at: start + 20 * 60, seconds: 4 * 60 };
const threshold = 300;

let dir: string;
let session: Session;
let http: ChdbHttpServer;
let instances: DatasourceInstances;
let clickhouse: DataSourceSettings;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-drop-burst-'));
  session = new Session(join(dir, 'chdb'));
  await loadIntoChdb(session, {
    from: start,
    to: start + 40 * 60,
    steadyTraffic: true,
    builtInAnomalies: false,
    // 8 rejected attempts a second: about 480 denied flows a minute on top of the cluster's own.
    injections: [{ kind: 'dropBurst', target: 'shop/api', at: burst.at, durationSeconds: burst.seconds, intensity: 8 }],
  });
  http = await startChdbHttpServer({ session });
  instances = new DatasourceInstances(createEngine, quietLogger);
  clickhouse = clickhouseDataSource(http.url);
}, 120_000);

afterAll(async () => {
  await instances?.closeAll();
  await http?.close();
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Denied flows of each cluster's minutes from `fromSeconds` up to and including `toSeconds`, straight from raw records. */
function deniedPerClusterMinute(fromSeconds: number, toSeconds: number): Map<string, number[]> {
  const rows = session
    .query(
      `SELECT clusterUUID, count() FROM flows
       WHERE flowEndSeconds >= toDateTime(${fromSeconds}) AND flowEndSeconds <= toDateTime(${toSeconds})
         AND (ingressNetworkPolicyRuleAction IN (2, 3) OR egressNetworkPolicyRuleAction IN (2, 3))
         AND sourcePodNamespace NOT IN ('kube-system', 'flow-aggregator', 'flow-visibility')
         AND destinationPodNamespace NOT IN ('kube-system', 'flow-aggregator', 'flow-visibility')
       GROUP BY clusterUUID, intDiv(toUInt32(flowEndSeconds), 60)`,
      'TSV'
    )
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const counts = new Map<string, number[]>();
  for (const [cluster, count] of rows) counts.set(cluster!, [...(counts.get(cluster!) ?? []), Number(count)]);
  return counts;
}

describe('the provisioned "Burst of dropped flows" alert rule', () => {
  const rule = provisionedRule('flowlens-drop-burst');

  it('scores each cluster by its busiest minute of the last two, straight from the raw records, and fires above 300', async () => {
    const range = rule.data.find((entry) => entry.refId === 'A')!.relativeTimeRange!;
    let fired = 0;
    let quiet = 0;
    // Every minute of the run, and half a minute into the burst's first minute (a minute still filling).
    const times = [...Array.from({ length: 38 }, (_, minute) => start + (minute + 2) * 60), burst.at + 30];
    for (const now of times) {
      const response = await evaluateRuleQuery(rule, now, instances, clickhouse);
      expect(response.error, response.error).toBeUndefined();
      const scores = worstScores(response);
      const expected = new Map(
        [...deniedPerClusterMinute(now - range.from, now - range.to)].map(([cluster, counts]) => [
          cluster,
          Math.max(...counts) / threshold,
        ])
      );
      expect([...scores.keys()].sort(), new Date(now * 1000).toISOString()).toEqual([...expected.keys()].sort());
      for (const [cluster, score] of expected) {
        expect(scores.get(cluster), `${cluster} at ${new Date(now * 1000).toISOString()}`).toBeCloseTo(score, 9);
      }
      if ([...scores.values()].some((score) => score > 1)) fired++;
      else quiet++;
    }
    // The burst's minutes fire (while they fill, and while they are among the last two); the rest do not.
    expect(fired).toBeGreaterThanOrEqual(5);
    expect(quiet).toBeGreaterThanOrEqual(30);
  }, 120_000);

  it('asks the question of the dashboards\' "Dropped flow bursts" annotation, with their default namespaces', async () => {
    const { droppedFlowsAnnotation, dropBurstPerMinute } = await import('../../../../../dashboards/src/home.ts');
    const { defaultExcludedNamespaces } = await import('../../../../../dashboards/src/variables.ts');
    const ruleDetect = rule.data.find((entry) => entry.refId === 'A')!.model.detect as Record<string, unknown>;
    const annotationDetect = (droppedFlowsAnnotation.target as { detect: Record<string, unknown> }).detect;
    const { clusters, namespaces, excludedNamespaces, output, ...question } = annotationDetect;
    expect([clusters, namespaces, excludedNamespaces, output]).toEqual([
      ['$cluster'],
      ['$namespace'],
      ['$excludedNamespaces'],
      'anomalies',
    ]);
    expect(ruleDetect).toEqual({ ...question, output: 'score', excludedNamespaces: defaultExcludedNamespaces });
    expect(ruleDetect.threshold).toBe(dropBurstPerMinute);
    expect(rule.condition).toBe('C');
  });
});
