import { RuleAction } from '@flowlens/flow-schema';
import { commonFilters } from './variables.ts';
import { datasourceRef, type Json } from './grafanaJson.ts';

export type View = 'pod-to-pod' | 'pod-to-service' | 'pod-to-external' | 'node-to-node' | 'policy' | 'all';
export type Metric =
  | 'bytes'
  | 'reverseBytes'
  | 'packets'
  | 'reversePackets'
  | 'throughput'
  | 'reverseThroughput'
  | 'flowRecords'
  | 'flowRecordsPerMinute'
  | 'connections'
  | 'endedConnections'
  | 'openConnections'
  | 'pods'
  | 'nodes'
  | 'policies'
  | 'services'
  | 'newestRecords';

export interface FlowsQuestion {
  view: View;
  metric: Metric;
  groupBy?: string[];
  topN?: number;
  filters?: Array<{ key: string; operator: string; value: string | string[] }>;
  format?: 'table' | 'timeseries';
}

/** Drop and reject, as values of a builder filter on `ruleAction`. */
export const blockedActions = [RuleAction.drop, RuleAction.reject].map(String);

/** A Flows builder target: runs unchanged on ClickHouse and Snowflake. */
export function flowsTarget(question: FlowsQuestion, refId = 'A'): Json {
  return {
    refId,
    datasource: datasourceRef,
    queryType: 'flows',
    format: question.format ?? 'table',
    flows: {
      version: 1,
      view: question.view,
      metric: question.metric,
      groupBy: question.groupBy ?? [],
      filters: [...commonFilters, ...(question.filters ?? [])],
      ...(question.topN ? { topN: question.topN } : {}),
    },
  };
}

/** A SQL target: portable SQL (double-quoted aliases keep their case on Snowflake) and macros. */
export function sqlTarget(rawSql: string, format: 'table' | 'timeseries' = 'table', refId = 'A'): Json {
  return { refId, datasource: datasourceRef, queryType: 'sql', format, rawSql };
}

/** A policy recommendation target (the datasource's recommendPolicies query type). */
export function recommendTarget(recommend: Json, refId = 'A'): Json {
  return {
    refId,
    datasource: datasourceRef,
    queryType: 'recommendPolicies',
    format: 'table',
    recommend: { version: 1, ...recommend },
  };
}

/**
 * A target that reuses another panel's answer through Grafana's built-in Dashboard datasource, so a
 * second view of the same result runs no second query.
 */
export const dashboardDatasourceRef = { type: 'datasource', uid: '-- Dashboard --' };

export function sameAnswerAs(panelId: number, refId = 'A'): Json {
  return { refId, datasource: dashboardDatasourceRef, panelId };
}
