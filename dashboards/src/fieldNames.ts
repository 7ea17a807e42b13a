import type { Json } from './grafanaJson.ts';

/** Readable headers for builder fields (Sankey column headers, table headers and legends use them). */
const displayNames: Record<string, string> = {
  sourcePod: 'Source pod',
  destinationPod: 'Destination pod',
  sourceNamespace: 'Source namespace',
  destinationNamespace: 'Destination namespace',
  sourceNode: 'Source node',
  destinationNode: 'Destination node',
  destinationService: 'Service',
  destinationIP: 'Destination IP',
  destinationPort: 'Port',
  ingressPolicy: 'Ingress policy',
  egressPolicy: 'Egress policy',
  ruleAction: 'Rule action',
  flowType: 'Flow type',
  bytes: 'Bytes',
  reverseBytes: 'Reverse bytes',
  throughput: 'Throughput',
  reverseThroughput: 'Reverse throughput',
  flowRecords: 'Flow records',
  flowRecordsPerMinute: 'Flow records per minute',
  connections: 'Connections',
  endedConnections: 'Ended connections',
  openConnections: 'Open connections',
  services: 'Services',
  pods: 'Pods',
  nodes: 'Nodes',
  policies: 'NetworkPolicies',
  packets: 'Packets',
};

/** A builder field's readable name, e.g. "Destination namespace"; the field itself when it has none. */
export function displayName(field: string): string {
  return displayNames[field] ?? field;
}

export function displayNameOverrides(fields: string[]): Json[] {
  return fields
    .filter((name) => displayNames[name])
    .map((name) => ({
      matcher: { id: 'byName', options: name },
      properties: [{ id: 'displayName', value: displayNames[name] }],
    }));
}

/** Time series legends: "source → destination" from the labels the backend puts on each series. */
export function seriesName(...labels: string[]): Json[] {
  return [
    {
      matcher: { id: 'byType', options: 'number' },
      properties: [{ id: 'displayName', value: labels.map((label) => `\${__field.labels.${label}}`).join(' → ') }],
    },
  ];
}
