import { displayNameOverrides } from './fieldNames.ts';
import { dashboard, datasourceRef, layout, type Json, type Panel } from './grafanaJson.ts';
import { barGauge, dashboardLink, dashboardList, drillDown, linksOnFields, stat, timeseries } from './panels.ts';
import { policyRecommendationUid } from './policyRecommendation.ts';
import { blockedActions, flowsTarget } from './queries.ts';
import { policyChanges } from './sqlFragments.ts';
import { commonVariables } from './variables.ts';

/**
 * Bursts of dropped or rejected flows: minutes with more than 300 of them (5 a second). A cluster's
 * steady drops (probes, blocked scans) stay well below; a misconfigured policy or a scan does not.
 * The alert rule "Burst of dropped flows" (provisioning/grafana/alerting) is the same query with the
 * default namespaces, over the minute under way and the one before it (a test holds them together).
 */
export const dropBurstPerMinute = 300;

/**
 * The bursts as anomaly detection against a fixed threshold, per cluster and minute: it reads the
 * per-minute rollup where there is one, as SQL over the raw records could not.
 */
export const droppedFlowsAnnotation: Json = {
  name: 'Dropped flow bursts',
  datasource: datasourceRef,
  enable: true,
  iconColor: 'red',
  target: {
    refId: 'Anno',
    queryType: 'detectAnomalies',
    format: 'table',
    detect: {
      version: 1,
      metric: 'deniedFlows',
      endpoint: 'cluster',
      window: '1m',
      method: 'threshold',
      threshold: dropBurstPerMinute,
      output: 'anomalies',
      clusters: ['$cluster'],
      namespaces: ['$namespace'],
      excludedNamespaces: ['$excludedNamespaces'],
    },
  },
};

/** Who changed which NetworkPolicy when (policy_events, written by flowlens-ingest from audit events). */
export const policyChangesAnnotation: Json = {
  name: 'NetworkPolicy changes',
  datasource: datasourceRef,
  enable: true,
  iconColor: 'purple',
  target: { refId: 'PolicyChanges', queryType: 'sql', format: 'table', rawSql: policyChanges },
};

/** The two series of "Flow records per minute": what NetworkPolicies dropped or rejected, and the rest. */
const verdictSeries = [
  { refId: 'A', operator: 'not in', label: 'allowed or no policy' },
  { refId: 'B', operator: 'in', label: 'dropped or rejected' },
];

const podLinks = [
  drillDown('Flow records of ${__data.fields.sourcePod}', 'flowlens-flow-records', 'pod', '${__data.fields.sourcePod}'),
];

/** The service map is the overview Hubble users look for first: one click from home, with the same view. */
const serviceMapLink: Panel = {
  type: 'text',
  title: 'Service map',
  description: 'The cluster as a graph of workloads, Services and outside addresses, with what NetworkPolicies denied.',
  options: {
    mode: 'markdown',
    content: [
      '### [Open the service map](/d/flowlens-service-map?${__url_time_range}&${datasource:queryparam}&${cluster:queryparam}&${namespace:queryparam}&${excludedNamespaces:queryparam})',
      '',
      'Who talks to whom, as Hubble UI draws it: workloads, the Services between clients and backends, and addresses outside the cluster; rings and edges in red where a NetworkPolicy dropped or rejected traffic.',
    ].join('\n'),
  },
};

export const home = dashboard({
  uid: 'flowlens-home',
  title: 'FlowLens / Home',
  description:
    'Who talks to whom in the cluster right now: counts, traffic, top talkers and links to every FlowLens dashboard.',
  variables: commonVariables,
  annotations: [droppedFlowsAnnotation, policyChangesAnnotation],
  panels: layout([
    [
      {
        size: { w: 6, h: 4 },
        panel: stat({
          title: 'Pods',
          description: 'Pods that sent or received traffic in the time range.',
          unit: 'short',
          targets: [flowsTarget({ view: 'all', metric: 'pods' })],
        }),
      },
      {
        size: { w: 6, h: 4 },
        panel: stat(
          {
            title: 'Services',
            description:
              'Services (ClusterIPs) that received traffic. Theia counts Service ports (namespace/service:port) instead, so a Service with two ports counts twice there.',
            unit: 'short',
            targets: [flowsTarget({ view: 'all', metric: 'services' })],
          },
          'purple'
        ),
      },
      {
        size: { w: 6, h: 4 },
        panel: stat(
          {
            title: 'Nodes',
            description: 'Nodes with pods that sent or received traffic.',
            unit: 'short',
            targets: [flowsTarget({ view: 'all', metric: 'nodes' })],
          },
          'dark-blue'
        ),
      },
      {
        size: { w: 6, h: 4 },
        panel: stat(
          {
            title: 'NetworkPolicies',
            panelLinks: [dashboardLink('Recommend NetworkPolicies', policyRecommendationUid)],
            description:
              'NetworkPolicies (K8s, Antrea, Antrea cluster-wide) that matched traffic, each counted once. Theia adds the distinct ingress and egress policy names, so a policy seen on both sides counts twice there.',
            unit: 'short',
            targets: [flowsTarget({ view: 'all', metric: 'policies' })],
          },
          'orange'
        ),
      },
    ],
    [
      {
        size: { w: 5, h: 4 },
        panel: stat(
          {
            title: 'Active connections',
            description:
              'Connections (5-tuple and start time) with records in the range but no end: every record came on the active timeout. Theia counts source/destination IP pairs with any active-timeout record (flowEndReason 2), so a connection that has since ended still counts there.',
            unit: 'short',
            targets: [flowsTarget({ view: 'all', metric: 'openConnections' })],
          },
          'green'
        ),
      },
      {
        size: { w: 5, h: 4 },
        panel: stat(
          {
            title: 'Stopped connections',
            description:
              'Connections that ended in the time range (end of flow or idle timeout). Theia counts source/destination IP pairs with any record not on the active timeout.',
            unit: 'short',
            targets: [flowsTarget({ view: 'all', metric: 'endedConnections' })],
          },
          'text'
        ),
      },
      {
        size: { w: 5, h: 4 },
        panel: stat(
          {
            title: 'Denied connections',
            description:
              'Connections (5-tuple and start time) a NetworkPolicy dropped or rejected. Theia counts source/destination IP pairs, so repeated attempts between two pods count once there.',
            unit: 'short',
            targets: [
              flowsTarget({
                view: 'all',
                metric: 'connections',
                filters: [{ key: 'ruleAction', operator: 'in', value: blockedActions }],
              }),
            ],
          },
          'red'
        ),
      },
      {
        size: { w: 5, h: 4 },
        panel: stat(
          {
            title: 'Bytes',
            description:
              "Bytes sent from sources to destinations in the time range (forward delta counters; replies not included). Theia's Data Transmitted adds the reverse bytes.",
            unit: 'bytes',
            targets: [flowsTarget({ view: 'all', metric: 'bytes' })],
          },
          'blue'
        ),
      },
      {
        size: { w: 4, h: 4 },
        panel: stat(
          {
            title: 'Throughput',
            description:
              "Average forward throughput over the time range, in bits per second. Theia's Overall Throughput is bytes per second of both directions over the last minute only.",
            unit: 'bps',
            targets: [flowsTarget({ view: 'all', metric: 'throughput' })],
          },
          'blue'
        ),
      },
    ],
    [
      {
        size: { w: 8, h: 4 },
        panel: stat(
          {
            title: 'Bytes to external IPs',
            description:
              "Bytes pods sent to addresses outside the cluster (flow type 3), forward direction only. Theia's Data Transmitted With External adds the replies.",
            unit: 'bytes',
            targets: [flowsTarget({ view: 'pod-to-external', metric: 'bytes' })],
          },
          'semi-dark-blue'
        ),
      },
      {
        size: { w: 8, h: 4 },
        panel: stat(
          {
            title: 'Throughput to external IPs',
            description:
              "Average throughput from pods to outside the cluster over the time range, in bits per second. Theia's counterpart is bytes per second of both directions over the last minute only.",
            unit: 'bps',
            targets: [flowsTarget({ view: 'pod-to-external', metric: 'throughput' })],
          },
          'semi-dark-blue'
        ),
      },
      {
        size: { w: 8, h: 4 },
        panel: stat(
          {
            title: 'Connections to external IPs',
            description:
              'Connections (5-tuple and start time) from pods to outside the cluster. Theia counts source/destination IP pairs.',
            unit: 'short',
            targets: [flowsTarget({ view: 'pod-to-external', metric: 'connections' })],
          },
          'semi-dark-blue'
        ),
      },
    ],
    [
      {
        size: { w: 12, h: 10 },
        panel: barGauge({
          title: 'Top talkers',
          description:
            'Source pods (or external IPs, which Theia leaves out) that sent the most bytes. Click one for its flow records.',
          unit: 'bytes',
          targets: [flowsTarget({ view: 'all', metric: 'bytes', groupBy: ['sourcePod'], topN: 10 })],
          overrides: [...displayNameOverrides(['bytes']), ...linksOnFields(['bytes'], podLinks)],
        }),
      },
      {
        size: { w: 12, h: 10 },
        panel: timeseries(
          {
            title: 'Flow records per minute',
            description: 'Flow records the cluster exported, as a rate per minute; drops and rejects shown apart.',
            unit: 'short',
            interval: '1m',
            // Builder questions, so both read the per-minute rollup where there is one.
            targets: verdictSeries.map(({ refId, operator }) =>
              flowsTarget(
                {
                  view: 'all',
                  metric: 'flowRecordsPerMinute',
                  format: 'timeseries',
                  filters: [{ key: 'ruleAction', operator, value: blockedActions }],
                },
                refId
              )
            ),
            overrides: verdictSeries.map(({ refId, label }) => ({
              matcher: { id: 'byFrameRefID', options: refId },
              properties: [{ id: 'displayName', value: label }],
            })),
          },
          true
        ),
      },
    ],
    [
      {
        size: { w: 16, h: 6 },
        panel: dashboardList('FlowLens dashboards', 'Every FlowLens dashboard; variables and time range carry over.'),
      },
      { size: { w: 8, h: 6 }, panel: serviceMapLink },
    ],
  ]),
});
