import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DatasourceInstances } from '../../src/handlers/datasourceInstances.ts';
import { queryData } from '../../src/handlers/queryData.ts';
import { QueryMetrics } from '../../src/handlers/queryMetrics.ts';
import type { DataResponse, DataSourceSettings } from '../../src/handlers/types.ts';
import { quietLogger } from './engines.ts';

/** One rule of provisioning/grafana/alerting/flowlens-rules.yaml, as far as the backend sees it. */
export interface ProvisionedRule {
  uid: string;
  condition: string;
  data: Array<{
    refId: string;
    relativeTimeRange?: { from: number; to: number };
    model: Record<string, unknown>;
  }>;
}

const rulesFile = join(import.meta.dirname, '../../../../../provisioning/grafana/alerting/flowlens-rules.yaml');

export function provisionedRule(uid: string): ProvisionedRule {
  const rules = (
    parse(readFileSync(rulesFile, 'utf8')) as { groups: Array<{ rules: ProvisionedRule[] }> }
  ).groups.flatMap((group) => group.rules);
  const rule = rules.find((candidate) => candidate.uid === uid);
  if (!rule) throw new Error(`no alert rule ${uid} in ${rulesFile}`);
  return rule;
}

/**
 * The rule's datasource query as Grafana alerting sends it at `nowSeconds`: the saved model unchanged
 * (no frontend interpolation), over its relative time range.
 */
export async function evaluateRuleQuery(
  rule: ProvisionedRule,
  nowSeconds: number,
  instances: DatasourceInstances,
  dataSource: DataSourceSettings
): Promise<DataResponse> {
  const query = rule.data.find((entry) => entry.refId === 'A');
  if (!query?.relativeTimeRange) throw new Error(`alert rule ${rule.uid} has no query A with a relative time range`);
  const responses = await queryData(
    {
      context: { orgId: 1, pluginId: 'flowlens-flows-datasource', dataSource },
      queries: [
        {
          refId: 'A',
          queryType: String(query.model.queryType),
          maxDataPoints: 43_200,
          intervalMs: 1000,
          timeRange: {
            fromMs: (nowSeconds - query.relativeTimeRange.from) * 1000,
            toMs: (nowSeconds - query.relativeTimeRange.to) * 1000,
          },
          json: query.model,
        },
      ],
      signal: new AbortController().signal,
    },
    { instances, metrics: new QueryMetrics(), logger: quietLogger }
  );
  return responses.get('A')!;
}

/** What the rules' `reduce: max` expression gives per alert instance: the highest score of each endpoint. */
export function worstScores(response: DataResponse): Map<string, number> {
  return new Map(
    response.frames.map((frame) => [
      String(frame.fields[1]!.labels!.endpoint),
      Math.max(...[...frame.fields[1]!.values].map((value) => Number(value ?? 0))),
    ])
  );
}
