import { endpointName } from '@flowlens/flow-schema';
import {
  flowEndReasonMapping,
  flowTypeMapping,
  policyTypeMapping,
  protocolMapping,
  ruleActionMapping,
} from './codeMappings.ts';
import { dashboard, layout, type Json } from './grafanaJson.ts';
import { mappingsOnFields, stat, table, timeseries } from './panels.ts';
import { displayNameOverrides } from './fieldNames.ts';
import { flowsTarget, sqlTarget } from './queries.ts';
import { inRange } from './sqlFragments.ts';
import { commonVariables } from './variables.ts';

/** Set by the other dashboards' links: the records of one pod ("namespace/name"), either end. */
const podVariable: Json = {
  type: 'textbox',
  name: 'pod',
  label: 'Pod (namespace/name)',
  query: '',
  current: { text: '', value: '' },
  hide: 0,
};

/**
 * The pod box: records with that pod (namespace/name, or an IP outside the cluster) at either end, as
 * the builder's `pod` filter reads it, so the table lists exactly the records the counts count.
 */
const podCondition = `$__conditionalAll((${endpointName('source')} = '$pod' OR ${endpointName('destination')} = '$pod'), '$pod')`;

/** The builder's pod filter on the pod box: left empty, it filters nothing (as `$__conditionalAll`). */
const podFilter = { key: 'pod', operator: '=', value: '$pod' };

const columns: Array<[string, string]> = [
  ['flowEndSeconds', 'End'],
  ['sourcePodNamespace', 'Source namespace'],
  ['sourcePodName', 'Source pod'],
  ['sourceIP', 'Source IP'],
  ['sourceTransportPort', 'Source port'],
  ['destinationPodNamespace', 'Destination namespace'],
  ['destinationPodName', 'Destination pod'],
  ['destinationIP', 'Destination IP'],
  ['destinationTransportPort', 'Destination port'],
  ['destinationServicePortName', 'Service'],
  ['protocolIdentifier', 'Protocol'],
  ['flowType', 'Flow type'],
  ['octetDeltaCount', 'Bytes'],
  ['reverseOctetDeltaCount', 'Reverse bytes'],
  ['packetDeltaCount', 'Packets'],
  ['throughput', 'Throughput'],
  ['ingressNetworkPolicyNamespace', 'Ingress policy namespace'],
  ['ingressNetworkPolicyName', 'Ingress policy'],
  ['ingressNetworkPolicyType', 'Ingress policy type'],
  ['ingressNetworkPolicyRuleName', 'Ingress rule'],
  ['ingressNetworkPolicyRuleAction', 'Ingress action'],
  ['egressNetworkPolicyNamespace', 'Egress policy namespace'],
  ['egressNetworkPolicyName', 'Egress policy'],
  ['egressNetworkPolicyType', 'Egress policy type'],
  ['egressNetworkPolicyRuleName', 'Egress rule'],
  ['egressNetworkPolicyRuleAction', 'Egress action'],
  ['flowEndReason', 'End reason'],
  ['tcpState', 'TCP state'],
  ['sourceNodeName', 'Source node'],
  ['destinationNodeName', 'Destination node'],
];

const unitOverrides: Json[] = [
  ['Bytes', 'bytes'],
  ['Reverse bytes', 'bytes'],
  ['Throughput', 'bps'],
  ['Packets', 'short'],
].map(([name, unit]) => ({ matcher: { id: 'byName', options: name }, properties: [{ id: 'unit', value: unit }] }));

// The table is SQL (every column, readable names); the counts are builder questions, which read the
// per-minute rollup where there is one.
const recordsInRange = `FROM flows
WHERE ${inRange}
  AND ${podCondition}`;

export const flowRecords = dashboard({
  uid: 'flowlens-flow-records',
  title: 'FlowLens / Flow Records',
  description: 'The flow records themselves, newest first, with readable names for every code.',
  variables: [...commonVariables, podVariable],
  panels: layout([
    [
      {
        size: { w: 6, h: 8 },
        panel: stat({
          title: 'Flow records',
          description:
            'Flow records in the time range, for the pod in the pod box if one is set. Theia counts every record; here the namespace variables apply as on every FlowLens panel.',
          unit: 'short',
          targets: [flowsTarget({ view: 'all', metric: 'flowRecords', filters: [podFilter] })],
          overrides: displayNameOverrides(['flowRecords']),
        }),
      },
      {
        size: { w: 18, h: 8 },
        panel: timeseries({
          title: 'Flow records over time',
          description:
            'Flow records exported in each time bucket (at least a minute; longer ranges use wider buckets). A record is a report of a connection, not a connection: long connections report on every active timeout.',
          unit: 'short',
          interval: '1m',
          targets: [flowsTarget({ view: 'all', metric: 'flowRecords', format: 'timeseries', filters: [podFilter] })],
          overrides: displayNameOverrides(['flowRecords']),
        }),
      },
    ],
    [
      {
        size: { w: 24, h: 24 },
        panel: table({
          title: 'Flow records',
          description:
            'The newest 10,000 records in the time range. Use the Filters bar or the pod box to narrow them.',
          targets: [
            sqlTarget(`SELECT ${columns.map(([column, name]) => `${column} AS "${name}"`).join(',\n  ')}
${recordsInRange}
ORDER BY flowEndSeconds DESC
LIMIT 10000`),
          ],
          overrides: [
            ...unitOverrides,
            ...mappingsOnFields(['Flow type'], [flowTypeMapping]),
            ...mappingsOnFields(['Ingress action', 'Egress action'], [ruleActionMapping]),
            ...mappingsOnFields(['Ingress policy type', 'Egress policy type'], [policyTypeMapping]),
            ...mappingsOnFields(['End reason'], [flowEndReasonMapping]),
            ...mappingsOnFields(['Protocol'], [protocolMapping]),
            ...['Ingress action', 'Egress action'].map((name) => ({
              matcher: { id: 'byName', options: name },
              properties: [{ id: 'custom.cellOptions', value: { type: 'color-text' } }],
            })),
          ],
        }),
      },
    ],
  ]),
});
