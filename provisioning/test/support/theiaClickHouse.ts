/**
 * Facts from Theia (github.com/antrea-io/theia), main at commit bc06ff0afe05 (2024-01-22, after
 * v0.8.0): the tables build/charts/theia/provisioning/datasources/create_table.sh creates, as test
 * data. Read from that file, never at test time.
 *
 * Two substitutions, so the tables run in one chDB process: ReplicatedMergeTree and
 * ReplicatedSummingMergeTree become MergeTree and SummingMergeTree (no ZooKeeper here), and the
 * `{cluster}` macro of the Distributed tables names a one-shard cluster of this process
 * (theiaClusterConfig). Columns, types, defaults, sort keys and the view's query are Theia's.
 */

/** `flows_local`, column by column, as create_table.sh declares it (a fresh install's order). */
export const theiaFlowsLocalColumns: ReadonlyArray<readonly [name: string, definition: string]> = [
  ['timeInserted', 'DateTime DEFAULT now()'],
  ['flowStartSeconds', 'DateTime'],
  ['flowEndSeconds', 'DateTime'],
  ['flowEndSecondsFromSourceNode', 'DateTime'],
  ['flowEndSecondsFromDestinationNode', 'DateTime'],
  ['flowEndReason', 'UInt8'],
  ['sourceIP', 'String'],
  ['destinationIP', 'String'],
  ['sourceTransportPort', 'UInt16'],
  ['destinationTransportPort', 'UInt16'],
  ['protocolIdentifier', 'UInt8'],
  ['packetTotalCount', 'UInt64'],
  ['octetTotalCount', 'UInt64'],
  ['packetDeltaCount', 'UInt64'],
  ['octetDeltaCount', 'UInt64'],
  ['reversePacketTotalCount', 'UInt64'],
  ['reverseOctetTotalCount', 'UInt64'],
  ['reversePacketDeltaCount', 'UInt64'],
  ['reverseOctetDeltaCount', 'UInt64'],
  ['sourcePodName', 'String'],
  ['sourcePodNamespace', 'String'],
  ['sourceNodeName', 'String'],
  ['destinationPodName', 'String'],
  ['destinationPodNamespace', 'String'],
  ['destinationNodeName', 'String'],
  ['destinationClusterIP', 'String'],
  ['destinationServicePort', 'UInt16'],
  ['destinationServicePortName', 'String'],
  ['ingressNetworkPolicyName', 'String'],
  ['ingressNetworkPolicyNamespace', 'String'],
  ['ingressNetworkPolicyRuleName', 'String'],
  ['ingressNetworkPolicyRuleAction', 'UInt8'],
  ['ingressNetworkPolicyType', 'UInt8'],
  ['egressNetworkPolicyName', 'String'],
  ['egressNetworkPolicyNamespace', 'String'],
  ['egressNetworkPolicyRuleName', 'String'],
  ['egressNetworkPolicyRuleAction', 'UInt8'],
  ['egressNetworkPolicyType', 'UInt8'],
  ['tcpState', 'String'],
  ['flowType', 'UInt8'],
  ['sourcePodLabels', 'String'],
  ['destinationPodLabels', 'String'],
  ['throughput', 'UInt64'],
  ['reverseThroughput', 'UInt64'],
  ['throughputFromSourceNode', 'UInt64'],
  ['throughputFromDestinationNode', 'UInt64'],
  ['reverseThroughputFromSourceNode', 'UInt64'],
  ['reverseThroughputFromDestinationNode', 'UInt64'],
  ['clusterUUID', 'String'],
  ['egressName', 'String'],
  ['egressIP', 'String'],
  ['trusted', 'UInt8 DEFAULT 0'],
];

/** The Pod view's grouping columns (with their types) and summed columns, as create_table.sh has them. */
const podViewKeys: ReadonlyArray<readonly [string, string]> = [
  ['timeInserted', 'DateTime DEFAULT now()'],
  ['flowEndSeconds', 'DateTime'],
  ['flowEndSecondsFromSourceNode', 'DateTime'],
  ['flowEndSecondsFromDestinationNode', 'DateTime'],
  ['sourcePodName', 'String'],
  ['destinationPodName', 'String'],
  ['destinationIP', 'String'],
  ['destinationServicePort', 'UInt16'],
  ['destinationServicePortName', 'String'],
  ['flowType', 'UInt8'],
  ['sourcePodNamespace', 'String'],
  ['destinationPodNamespace', 'String'],
  ['sourceTransportPort', 'UInt16'],
  ['destinationTransportPort', 'UInt16'],
];
const podViewSums = [
  'octetDeltaCount',
  'reverseOctetDeltaCount',
  'throughput',
  'reverseThroughput',
  'throughputFromSourceNode',
  'throughputFromDestinationNode',
];

export const theiaClusterName = 'theia_local';

/**
 * chDB (clickhouse-local) configuration for the Distributed tables: a one-shard cluster whose replica
 * is this process itself (its host and port are the process's own, so no connection is ever opened),
 * and the macros Theia's DDL uses.
 */
export function theiaClusterConfig(port: number): string {
  return `<clickhouse>
  <tcp_port>${port}</tcp_port>
  <remote_servers>
    <${theiaClusterName}>
      <shard><replica><host>127.0.0.1</host><port>${port}</port></replica></shard>
    </${theiaClusterName}>
  </remote_servers>
  <macros><cluster>${theiaClusterName}</cluster><shard>1</shard><replica>replica-1</replica></macros>
</clickhouse>
`;
}

const columnList = (columns: ReadonlyArray<readonly [string, string]>) =>
  columns.map(([name, definition]) => `  ${name} ${definition}`).join(',\n');

/** The statements, in create_table.sh's order, for `flows_local`, the Pod view and the Distributed `flows`. */
export function theiaFlowsDdl(): string[] {
  const keys = podViewKeys.map(([name]) => name);
  return [
    `CREATE TABLE flows_local (\n${columnList(theiaFlowsLocalColumns)}\n) ENGINE = MergeTree ORDER BY (timeInserted, flowEndSeconds)`,
    `CREATE TABLE pod_view_table_local (\n${columnList([
      ...podViewKeys,
      ...podViewSums.map((name) => [name, 'UInt64'] as const),
      ['clusterUUID', 'String'],
    ])}\n) ENGINE = SummingMergeTree ORDER BY (${[...keys, 'clusterUUID'].join(', ')})`,
    `CREATE MATERIALIZED VIEW flows_pod_view_local TO pod_view_table_local AS SELECT ${[
      ...keys,
      ...podViewSums.map((name) => `sum(${name}) AS ${name}`),
      'clusterUUID',
    ].join(', ')} FROM flows_local GROUP BY ${[...keys, 'clusterUUID'].join(', ')}`,
    "CREATE TABLE flows AS flows_local ENGINE = Distributed('{cluster}', default, flows_local, rand())",
  ];
}
