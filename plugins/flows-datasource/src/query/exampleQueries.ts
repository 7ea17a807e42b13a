import type { FlowsQuery } from '../types';

export interface ExampleQuery {
  title: string;
  description: string;
  query: Omit<FlowsQuery, 'refId'>;
}

/** Questions people ask first, as queries that run on both engines; shown in Explore's cheat sheet. */
export const exampleQueries: readonly ExampleQuery[] = [
  {
    title: 'Who talks to whom',
    description: 'Bytes between pods, largest 50 pairs (builder; good for the Sankey panel)',
    query: {
      queryType: 'flows',
      format: 'table',
      flows: {
        version: 1,
        view: 'pod-to-pod',
        metric: 'bytes',
        groupBy: ['sourcePod', 'destinationPod'],
        filters: [],
        topN: 50,
      },
    },
  },
  {
    title: 'Throughput per namespace over time',
    description: 'Bits per second sent by each source namespace (builder, time series)',
    query: {
      queryType: 'flows',
      format: 'timeseries',
      flows: { version: 1, view: 'all', metric: 'throughput', groupBy: ['sourceNamespace'], filters: [], topN: 10 },
    },
  },
  {
    title: 'What NetworkPolicies dropped',
    description: 'Flow records dropped or rejected, by policy and destination (builder)',
    query: {
      queryType: 'flows',
      format: 'table',
      flows: {
        version: 1,
        view: 'policy',
        metric: 'flowRecords',
        groupBy: ['ingressPolicy', 'egressPolicy', 'destinationPod'],
        filters: [{ key: 'ruleAction', operator: 'in', value: ['2', '3'] }],
        topN: 100,
      },
    },
  },
  {
    title: 'Traffic leaving the cluster',
    description: 'Bytes from pods to external IPs (SQL with macros)',
    query: {
      queryType: 'sql',
      format: 'table',
      rawSql: `SELECT sourcePodNamespace, sourcePodName, destinationIP, sum(octetDeltaCount) AS bytes
FROM flows
WHERE $__timeFilter(flowEndSeconds) AND flowType = 3
GROUP BY sourcePodNamespace, sourcePodName, destinationIP
ORDER BY bytes DESC
LIMIT 100`,
    },
  },
  {
    title: 'Flows per minute',
    description: 'Flow records per minute (SQL time series)',
    query: {
      queryType: 'sql',
      format: 'timeseries',
      rawSql: `SELECT $__timeGroup(flowEndSeconds, '1m') AS "time", count(*) AS flows
FROM flows
WHERE $__timeFilter(flowEndSeconds)
GROUP BY $__timeGroup(flowEndSeconds, '1m')
ORDER BY "time"`,
    },
  },
];
