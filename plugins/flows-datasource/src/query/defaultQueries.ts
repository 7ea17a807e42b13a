import { deniedSql } from '@flowlens/flow-schema';
import { defaultBuilderQuery } from '../builder/builderQuery';
import type { FlowsBuilderQuery, FlowsQuery } from '../types';

/**
 * Starting points, written with portable SQL and macros so they run unchanged on ClickHouse and
 * Snowflake. Aliases in double quotes keep their lower case on Snowflake, where Grafana's annotation
 * and variable readers look for `time`, `text`, `tags`.
 */
export const defaultSql = `SELECT sourcePodName, destinationPodName, sum(octetDeltaCount) AS bytes
FROM flows
WHERE $__timeFilter(flowEndSeconds)
GROUP BY sourcePodName, destinationPodName
ORDER BY bytes DESC
LIMIT 50`;

/** New panel queries open in the builder: it answers the dashboards' questions on both engines. */
export const defaultQuery: Partial<FlowsQuery> = {
  queryType: 'flows',
  format: 'table',
  flows: defaultBuilderQuery,
};

/**
 * A new anomaly detection query: Theia's judgement of denied flows (mean ± 3σ) per pod, in 5-minute
 * windows against the day before each, shown as series with their expected band.
 */
export const defaultDetectModel: NonNullable<FlowsQuery['detect']> = {
  version: 1,
  metric: 'deniedFlows',
  endpoint: 'pod',
  window: '5m',
  history: '1d',
  method: 'meanStddev',
  k: 3,
  output: 'series',
};

/** Bursts of flows dropped or rejected by a NetworkPolicy: one annotation per busy interval. */
export const droppedFlowsAnnotationSql = `SELECT $__timeInterval(flowEndSeconds) AS "time",
  CAST(count(*) AS VARCHAR) || ' flows dropped or rejected by NetworkPolicy' AS "text",
  'flowlens,drop' AS "tags"
FROM flows
WHERE $__timeFilter(flowEndSeconds)
  AND ${deniedSql}
GROUP BY $__timeInterval(flowEndSeconds)
HAVING count(*) >= 10
ORDER BY "time"`;

export const defaultAnnotationQuery: Partial<FlowsQuery> = {
  queryType: 'sql',
  format: 'table',
  rawSql: droppedFlowsAnnotationSql,
};

/**
 * A new variable: the namespaces at either end of the flows in the time range, as a builder question
 * (its group-by fields give the values), which reads the per-minute rollup where one answers it.
 */
export const defaultVariableBuilderQuery: FlowsBuilderQuery = {
  version: 1,
  view: 'all',
  metric: 'flowRecords',
  groupBy: ['sourceNamespace', 'destinationNamespace'],
  filters: [],
};

export const defaultVariableQuery: Partial<FlowsQuery> = {
  queryType: 'flows',
  format: 'table',
  flows: defaultVariableBuilderQuery,
};
