import { dashboard, layout, type Json } from './grafanaJson.ts';
import { policyReview, table } from './panels.ts';
import { dashboardDatasourceRef, recommendTarget, sameAnswerAs } from './queries.ts';
import { clusterVariable, datasourceVariable, namespaceVariable } from './variables.ts';

export const policyRecommendationUid = 'flowlens-policy-recommendation';

/** A custom variable of fixed choices, "text : value" as Grafana's custom variable query reads them. */
function choiceVariable(name: string, label: string, choices: Array<[string, string]>, description: string): Json {
  const [[text, value]] = choices as [[string, string]];
  return {
    type: 'custom',
    name,
    label,
    description,
    query: choices.map(([choiceText, choiceValue]) => `${choiceText} : ${choiceValue}`).join(','),
    multi: false,
    includeAll: false,
    hide: 0,
    current: { text, value },
    options: choices.map(([choiceText, choiceValue], i) => ({
      text: choiceText,
      value: choiceValue,
      selected: i === 0,
    })),
  };
}

const policyType = choiceVariable(
  'policyType',
  'Policy type',
  [
    ['Kubernetes NetworkPolicy', 'k8s-np'],
    ['Antrea, deny where applied', 'anp-deny-applied'],
    ['Antrea, deny all', 'anp-deny-all'],
  ],
  'Kubernetes NetworkPolicies, or Antrea policies with a baseline reject for the pods they cover or for whole namespaces'
);

const granularity = choiceVariable(
  'granularity',
  'One policy',
  [
    ['Per workload', 'workload'],
    ['Per namespace', 'namespace'],
  ],
  'One policy per workload (its stable pod labels) or per namespace'
);

const allowDns = choiceVariable(
  'allowDns',
  'Allow DNS',
  [
    ['Yes', 'true'],
    ['No', 'false'],
  ],
  'Give every policy an egress rule to kube-dns on port 53'
);

/** The policy panel's id in the layout below: the table shows the same answer through it. */
const reviewPanelId = 1;

export const policyRecommendation = dashboard({
  uid: policyRecommendationUid,
  title: 'FlowLens / Policy Recommendation',
  description:
    'NetworkPolicies that allow exactly the connections observed: review them policy by policy and rule by rule, then copy or download the YAML for kubectl apply.',
  variables: [datasourceVariable, clusterVariable, namespaceVariable, policyType, granularity, allowDns],
  time: { from: 'now-24h', to: 'now' },
  // A recommendation reads a day of flows: it runs when asked, not every 30 seconds.
  refresh: '',
  panels: layout([
    [
      {
        size: { w: 24, h: 22 },
        panel: policyReview({
          title: 'Recommended policies',
          description:
            'Policies grouped by namespace, cluster-wide ones last. Untick policies or (expanded) rules to leave them out; the YAML on the right is what Copy and Download give. Each policy says how many observed connections it allows and lists them when expanded. Notices from the recommendation are on top.',
          targets: [
            recommendTarget({
              policyType: '$policyType',
              granularity: '$granularity',
              allowDns: '$allowDns',
              namespaces: ['$namespace'],
              clusters: ['$cluster'],
            }),
          ],
          fileName: 'flowlens-${policyType}-policies.yaml',
        }),
      },
    ],
    [
      {
        size: { w: 24, h: 10 },
        panel: {
          ...table(
            {
              title: 'Policies in the recommendation',
              description:
                'The same answer as a table (no second query): each policy, the pods it applies to, its rules and the observed connections it allows. The recommendation’s notices are in this panel’s header.',
              targets: [sameAnswerAs(reviewPanelId)],
              unit: 'short',
            },
            'Observed connections allowed'
          ),
          datasource: dashboardDatasourceRef,
          // The YAML and the connection lists are long: the review panel shows them.
          transformations: [
            {
              id: 'organize',
              options: {
                excludeByName: { yaml: true, observed: true, apiVersion: true },
                renameByName: {
                  kind: 'Kind',
                  namespace: 'Namespace',
                  name: 'Name',
                  appliedTo: 'Applies to',
                  rules: 'Rules',
                },
                indexByName: {},
              },
            },
          ],
        },
      },
    ],
  ]),
});
