import { datasourceRef, type Json, type Panel } from './grafanaJson.ts';
import { table, timeseries } from './panels.ts';

/**
 * Abnormal denied flows on the Network Policy dashboard: the datasource's detectAnomalies query
 * (mean ± 3σ of each pod's last day, in 5-minute windows) as a graph with its expected band, a table of
 * the windows outside it, and an annotation on every graph. The alert rule of the same name
 * (provisioning/grafana/alerting) asks the same question.
 */
type Output = 'series' | 'anomalies';

function detectTarget(output: Output, format: 'table' | 'timeseries', refId = 'A'): Json {
  return {
    refId,
    datasource: datasourceRef,
    queryType: 'detectAnomalies',
    format,
    detect: {
      version: 1,
      metric: 'deniedFlows',
      endpoint: 'pod',
      window: '5m',
      history: '1d',
      method: 'meanStddev',
      k: 3,
      output,
      maxEndpoints: 5,
      clusters: ['$cluster'],
      namespaces: ['$namespace'],
      excludedNamespaces: ['$excludedNamespaces'],
    },
  };
}

const hidden = { id: 'custom.hideFrom', value: { legend: true, tooltip: true, viz: true } };

export const deniedFlowsWithBand: Panel = timeseries({
  title: 'Denied flows per pod, against the band its last day expects',
  description:
    'Flows dropped or rejected by NetworkPolicies per 5-minute window, for the five pods furthest outside their band (ingress denials count for the destination pod, egress ones for the source). Dashed: the upper bound, mean + 3σ of the same pod over the day before each window; a window above it is abnormal. Windows are judged once the flow source has written them (an export interval after they end).',
  unit: 'short',
  targets: [detectTarget('series', 'timeseries')],
  overrides: [
    { matcher: { id: 'byRegexp', options: '.* (anomaly score|lower bound)$' }, properties: [hidden] },
    {
      matcher: { id: 'byRegexp', options: '.* upper bound$' },
      properties: [
        { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
        { id: 'custom.fillOpacity', value: 0 },
      ],
    },
    {
      matcher: { id: 'byRegexp', options: '.* expected$' },
      properties: [
        { id: 'custom.lineStyle', value: { fill: 'dot' } },
        { id: 'custom.fillOpacity', value: 0 },
      ],
    },
  ],
});

export const abnormalDeniedFlowsTable: Panel = table(
  {
    title: 'Abnormal denied flows',
    description:
      'Every pod and 5-minute window whose denied flows lay above mean + 3σ of its own last day; score above 1 means outside the band (the alert rule fires on the same). Newest first.',
    targets: [detectTarget('anomalies', 'table')],
    overrides: [
      { matcher: { id: 'byName', options: 'tags' }, properties: [hidden] },
      { matcher: { id: 'byName', options: 'text' }, properties: [hidden] },
      { matcher: { id: 'byName', options: 'method' }, properties: [hidden] },
    ],
  },
  'time'
);

export const abnormalDeniedFlowsAnnotation: Json = {
  name: 'Abnormal denied flows',
  datasource: datasourceRef,
  enable: true,
  iconColor: 'orange',
  target: detectTarget('anomalies', 'table', 'Abnormal'),
};
