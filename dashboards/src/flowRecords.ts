import {
  flowEndReasonMapping,
  flowTypeMapping,
  policyTypeMapping,
  protocolMapping,
  ruleActionMapping,
} from './codeMappings.ts';
import { dashboard, layout, type Json } from './grafanaJson.ts';
import { stat, table, timeseries } from './panels.ts';
import { displayNameOverrides } from './fieldNames.ts';
import { flowsTarget } from './queries.ts';
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
 * The pod box as the builder's `pod` filter: records with that pod (namespace/name, or an IP outside
 * the cluster) at either end; left empty, it filters nothing. The counts and the table share it, so
 * the table lists exactly the records the counts count.
 */
const podFilter = { key: 'pod', operator: '=', value: '$pod' };

const units: Record<string, string> = {
  octetDeltaCount: 'bytes',
  reverseOctetDeltaCount: 'bytes',
  throughput: 'bps',
  packetDeltaCount: 'short',
};

const mappings: Record<string, Json[]> = {
  flowType: [flowTypeMapping],
  ingressNetworkPolicyRuleAction: [ruleActionMapping],
  egressNetworkPolicyRuleAction: [ruleActionMapping],
  ingressNetworkPolicyType: [policyTypeMapping],
  egressNetworkPolicyType: [policyTypeMapping],
  flowEndReason: [flowEndReasonMapping],
  protocolIdentifier: [protocolMapping],
};

/** Headers for the columns the builder's newest-records listing gives (backend/src/sql/newestRecords.ts). */
const headers: Record<string, string> = {
  flowEndSeconds: 'End',
  sourcePodNamespace: 'Source namespace',
  sourcePodName: 'Source pod',
  sourceIP: 'Source IP',
  sourceTransportPort: 'Source port',
  destinationPodNamespace: 'Destination namespace',
  destinationPodName: 'Destination pod',
  destinationIP: 'Destination IP',
  destinationTransportPort: 'Destination port',
  destinationServicePortName: 'Service',
  protocolIdentifier: 'Protocol',
  flowType: 'Flow type',
  octetDeltaCount: 'Bytes',
  reverseOctetDeltaCount: 'Reverse bytes',
  packetDeltaCount: 'Packets',
  throughput: 'Throughput',
  ingressNetworkPolicyNamespace: 'Ingress policy namespace',
  ingressNetworkPolicyName: 'Ingress policy',
  ingressNetworkPolicyType: 'Ingress policy type',
  ingressNetworkPolicyRuleName: 'Ingress rule',
  ingressNetworkPolicyRuleAction: 'Ingress action',
  egressNetworkPolicyNamespace: 'Egress policy namespace',
  egressNetworkPolicyName: 'Egress policy',
  egressNetworkPolicyType: 'Egress policy type',
  egressNetworkPolicyRuleName: 'Egress rule',
  egressNetworkPolicyRuleAction: 'Egress action',
  flowEndReason: 'End reason',
  tcpState: 'TCP state',
  sourceNodeName: 'Source node',
  destinationNodeName: 'Destination node',
};

/** Per column, its header and what else it needs: a unit, readable names for codes, colour for the actions. */
const columnOverrides: Json[] = Object.entries(headers).map(([column, header]) => ({
  matcher: { id: 'byName', options: column },
  properties: [
    { id: 'displayName', value: header },
    ...(units[column] ? [{ id: 'unit', value: units[column] }] : []),
    ...(mappings[column] ? [{ id: 'mappings', value: mappings[column] }] : []),
    ...(column.endsWith('RuleAction') ? [{ id: 'custom.cellOptions', value: { type: 'color-text' } }] : []),
  ],
}));

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
            'The newest 10,000 records in the time range. Use the Filters bar or the pod box to narrow them. With the per-minute rollup, the backend reads only the minutes that hold them.',
          targets: [flowsTarget({ view: 'all', metric: 'newestRecords', filters: [podFilter] })],
          overrides: columnOverrides,
        }),
      },
    ],
  ]),
});
