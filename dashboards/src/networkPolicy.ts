import { RuleAction, ruleActions } from '@flowlens/flow-schema';
import { ruleActionColors, ruleActionMapping } from './codeMappings.ts';
import { displayNameOverrides } from './fieldNames.ts';
import { dashboard, layout, type Panel } from './grafanaJson.ts';
import { abnormalDeniedFlowsAnnotation, abnormalDeniedFlowsTable, deniedFlowsWithBand } from './anomalyPanels.ts';
import { droppedFlowsAnnotation, policyChangesAnnotation } from './home.ts';
import { barGauge, chord, dashboardLink, mappingsOnFields, table, timeseries } from './panels.ts';
import { policyRecommendationUid } from './policyRecommendation.ts';
import { blockedActions, flowsTarget, type FlowsQuestion } from './queries.ts';
import { commonVariables } from './variables.ts';

type Direction = 'ingress' | 'egress';

/**
 * Throughput per policy of one direction, allowed (refId A, shades of green) and denied (B, shades of
 * red) apart. As in Theia, an allow counts only when the other direction's policy did not deny the
 * flow (it never arrived), and a deny is a drop or a reject of this direction's rule.
 */
function policyThroughput(direction: Direction): Panel {
  const other: Direction = direction === 'ingress' ? 'egress' : 'ingress';
  const policy = `${direction}Policy`;
  const action = `${direction}NetworkPolicyRuleAction`;
  const verdicts: Array<{ refId: string; name: string; color: string; filters: FlowsQuestion['filters'] }> = [
    {
      refId: 'A',
      name: 'allowed',
      color: 'green',
      filters: [
        { key: action, operator: '=', value: '1' },
        { key: `${other}NetworkPolicyRuleAction`, operator: 'not in', value: blockedActions },
      ],
    },
    { refId: 'B', name: 'denied', color: 'red', filters: [{ key: action, operator: 'in', value: blockedActions }] },
  ];
  return timeseries({
    title: `Throughput per ${direction} policy, allowed and denied`,
    description: `Bits per second through each ${direction} policy (the ten busiest per verdict): green lines what its rules allowed, red what they dropped or rejected. Each record's bytes × 8, spread over the seconds the record covers, so concurrent flows add up; Theia averages the exporter's per-record throughput instead, and draws one line per pod pair and policy rather than per policy.`,
    unit: 'bps',
    targets: verdicts.map(({ refId, filters }) =>
      flowsTarget(
        {
          view: 'policy',
          metric: 'throughput',
          groupBy: [policy],
          topN: 10,
          format: 'timeseries',
          filters,
        },
        refId
      )
    ),
    overrides: verdicts.map(({ refId, name, color }) => ({
      matcher: { id: 'byFrameRefID', options: refId },
      properties: [
        { id: 'displayName', value: `\${__field.labels.${policy}} ${name}` },
        { id: 'color', value: { mode: 'shades', fixedColor: color } },
      ],
    })),
  });
}

/** The actions that decide a flow, in code order; series of flows no policy decided come last. */
const decidingActions = ruleActions.filter(({ code }) => code !== RuleAction.none);
const noPolicy = ruleActions[RuleAction.none];
const actionSeries = [...decidingActions, noPolicy].map((action, i) => ({
  ...action,
  refId: String.fromCharCode(65 + i),
}));

export const networkPolicy = dashboard({
  uid: 'flowlens-network-policy',
  title: 'FlowLens / Network Policy',
  description:
    'Which NetworkPolicies allowed or stopped which traffic: ribbons coloured by the rule action, bytes per policy, allows and denies over time.',
  variables: commonVariables,
  annotations: [droppedFlowsAnnotation, policyChangesAnnotation, abnormalDeniedFlowsAnnotation],
  panels: layout([
    [
      {
        size: { w: 14, h: 16 },
        panel: chord({
          title: 'Traffic through NetworkPolicies, by rule action',
          description:
            'Pods that talked under a NetworkPolicy; green ribbons were allowed, red ones dropped or rejected. Hover or click a pod to isolate its traffic; the tooltip lists every policy and rule.',
          unit: 'bytes',
          // Bounded: the 500 largest pod pairs per action and policy, then the panel keeps the top 30 pods.
          targets: [
            flowsTarget({
              view: 'policy',
              metric: 'bytes',
              groupBy: ['sourcePod', 'destinationPod', 'ruleAction', 'ingressPolicy', 'egressPolicy'],
              topN: 500,
            }),
          ],
          source: 'sourcePod',
          target: 'destinationPod',
          value: 'bytes',
          colorField: 'ruleAction',
          detailFields: ['ingressPolicy', 'egressPolicy'],
          topGroups: 30,
          panelLinks: [dashboardLink('Recommend NetworkPolicies for this traffic', policyRecommendationUid)],
          overrides: [
            ...displayNameOverrides([
              'sourcePod',
              'destinationPod',
              'ruleAction',
              'ingressPolicy',
              'egressPolicy',
              'bytes',
            ]),
            ...mappingsOnFields(['ruleAction'], [ruleActionMapping]),
          ],
        }),
      },
      {
        size: { w: 10, h: 8 },
        panel: barGauge({
          title: 'Bytes per ingress policy',
          description: 'Bytes of the flows each ingress policy matched (allowed or not).',
          unit: 'bytes',
          targets: [
            flowsTarget({
              view: 'policy',
              metric: 'bytes',
              groupBy: ['ingressPolicy'],
              topN: 15,
              filters: [{ key: 'ingressNetworkPolicyName', operator: '!=', value: '' }],
            }),
          ],
          overrides: displayNameOverrides(['bytes']),
        }),
      },
      {
        size: { w: 10, h: 8 },
        panel: barGauge({
          title: 'Bytes per egress policy',
          description: 'Bytes of the flows each egress policy matched (allowed or not).',
          unit: 'bytes',
          targets: [
            flowsTarget({
              view: 'policy',
              metric: 'bytes',
              groupBy: ['egressPolicy'],
              topN: 15,
              filters: [{ key: 'egressNetworkPolicyName', operator: '!=', value: '' }],
            }),
          ],
          overrides: displayNameOverrides(['bytes']),
        }),
      },
    ],
    [
      {
        size: { w: 24, h: 9 },
        panel: timeseries(
          {
            title: 'Allowed and denied flows over time',
            description: 'Flow records per interval by the action that decided them.',
            unit: 'short',
            // One builder question per action, so each reads the per-minute rollup where there is one.
            targets: actionSeries.map(({ refId, code }) =>
              flowsTarget(
                {
                  view: 'all',
                  metric: 'flowRecords',
                  format: 'timeseries',
                  filters: [{ key: 'ruleAction', operator: '=', value: String(code) }],
                },
                refId
              )
            ),
            overrides: actionSeries.map(({ refId, name, label }) => ({
              matcher: { id: 'byFrameRefID', options: refId },
              properties: [
                { id: 'displayName', value: label },
                { id: 'color', value: { mode: 'fixed', fixedColor: ruleActionColors[name] } },
              ],
            })),
          },
          true
        ),
      },
    ],
    [
      { size: { w: 15, h: 10 }, panel: deniedFlowsWithBand },
      { size: { w: 9, h: 10 }, panel: abnormalDeniedFlowsTable },
    ],
    [
      { size: { w: 12, h: 9 }, panel: policyThroughput('ingress') },
      { size: { w: 12, h: 9 }, panel: policyThroughput('egress') },
    ],
    [
      {
        size: { w: 24, h: 10 },
        panel: table(
          {
            title: 'Denied connections',
            description: 'Pod pairs a policy dropped or rejected, with the policy that did it.',
            unit: 'short',
            targets: [
              flowsTarget({
                view: 'policy',
                metric: 'connections',
                groupBy: [
                  'sourcePod',
                  'destinationPod',
                  'destinationPort',
                  'ruleAction',
                  'ingressPolicy',
                  'egressPolicy',
                ],
                topN: 200,
                filters: [{ key: 'ruleAction', operator: 'in', value: blockedActions }],
              }),
            ],
            overrides: [
              ...displayNameOverrides([
                'sourcePod',
                'destinationPod',
                'destinationPort',
                'ruleAction',
                'ingressPolicy',
                'egressPolicy',
                'connections',
              ]),
              ...mappingsOnFields(['ruleAction'], [ruleActionMapping]),
            ],
          },
          'Connections'
        ),
      },
    ],
  ]),
});
