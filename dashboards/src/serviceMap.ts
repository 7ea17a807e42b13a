import { dashboard, datasourceRef, layout, type Json, type Panel } from './grafanaJson.ts';
import { drillDown, linksOnFields } from './panels.ts';
import { commonFilters, commonVariables } from './variables.ts';

/** What one node is; the datasource's serviceMap groupBy. */
const groupBy: Json = {
  type: 'custom',
  name: 'groupBy',
  label: 'Nodes are',
  query: 'workload,namespace,pod',
  multi: false,
  includeAll: false,
  current: { text: 'workload', value: 'workload' },
  options: ['workload', 'namespace', 'pod'].map((value) => ({ text: value, value, selected: value === 'workload' })),
  hide: 0,
};

/**
 * Readable within Grafana's node graph (which hides nodes beyond 200): the 100 busiest nodes, the rest
 * folded into an "Other" node per namespace.
 */
const maxNodes = 100;

const serviceMapTarget: Json = {
  refId: 'A',
  datasource: datasourceRef,
  queryType: 'serviceMap',
  serviceMap: {
    version: 1,
    groupBy: '$groupBy',
    filters: commonFilters,
    maxNodes,
    foldBy: 'namespace',
    services: true,
  },
};

const podPattern = '${__data.fields.podPattern:percentencode}';

/**
 * Grafana gathers the links of every field of a node's row into its context menu (useLinks in
 * public/app/features/explore/utils/links.ts), so the link sits on one field, `id`, and reads the node's
 * `podPattern` — a regular expression on namespace/name that the Pod-to-Pod and Pod-to-Service dashboards'
 * pods box takes.
 * The explicit `percentencode` matters: that path interpolates link URLs without Grafana's default
 * URL encoding, and the pattern holds `^`, `|` and `$`.
 */
const nodeLinks = [
  drillDown('Pod-to-Pod traffic of ${__data.fields.title}', 'flowlens-pod-to-pod', 'pods', podPattern),
  // Pod-to-Pod leaves out traffic through a Service; Pod-to-Service has it.
  drillDown('Pod-to-Service traffic of ${__data.fields.title}', 'flowlens-pod-to-service', 'pods', podPattern),
];

const nodeGraph: Panel = {
  type: 'nodeGraph',
  title: 'Who talks to whom',
  description: `Every workload (or namespace, or pod: the "Nodes are" box) that sent or received traffic in the time range, Services between their clients and backends (client → Service → backend), and addresses outside the cluster. The ring around a node is the share of its connections allowed (green) and denied by a NetworkPolicy rule, dropped or rejected (red); nodes with denied traffic are highlighted, edges that were only denied are red and dashed, partly denied ones orange. Inside a node: bytes received and sent; on an edge: bytes and the average throughput over the range. The ${maxNodes} busiest nodes are drawn, the rest folded into an "Other" node per namespace (the panel says so). Click a node for its details and its Pod-to-Pod and Pod-to-Service traffic.`,
  datasource: datasourceRef,
  targets: [serviceMapTarget],
  options: { nodes: { arcs: [] }, edges: {} },
  fieldConfig: {
    defaults: { links: [] },
    overrides: linksOnFields(['id'], nodeLinks),
  },
};

export const serviceMap = dashboard({
  uid: 'flowlens-service-map',
  title: 'FlowLens / Service map',
  description:
    "The cluster as a graph, as Hubble UI shows it: workloads, Services and outside addresses, with the traffic between them and what NetworkPolicies denied. Grafana's built-in node graph panel draws it from the datasource's serviceMap query; Theia's Network Topology panel counterpart.",
  variables: [...commonVariables, groupBy],
  panels: layout([[{ size: { w: 24, h: 24 }, panel: nodeGraph }]]),
});
