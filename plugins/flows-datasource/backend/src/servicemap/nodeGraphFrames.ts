import { boolVector, field, float64Vector, stringVector } from '../frames/fieldVectors.ts';
import type { Frame, FrameField, FrameNotice } from '../frames/frame.ts';
import { nodeTraffic } from './folding.ts';
import type { MapNode, MapNodeKind } from './mapNodes.ts';
import type { MapLink, ServiceGraph } from './serviceGraph.ts';
import { bitRateText, bytesText, countText, percentText } from './statText.ts';

/**
 * A service map as the two frames Grafana's built-in node graph panel reads. The contract, as read in
 * Grafana's source and docs (Grafana 11–13):
 * - docs/sources/panels-visualizations/visualizations/node-graph/index.md, "Data API": a nodes frame
 *   and an edges frame, named `nodes` and `edges` or with `meta.preferredVisualisationType = 'nodeGraph'`
 *   (we do both); edges need string `id`, `source`, `target`; nodes need string `id`; optional fields
 *   and their types as written below.
 * - public/app/plugins/panel/nodeGraph/utils.ts (getNodeGraphDataFrames, getNodeFields, getEdgeFields,
 *   processNodes): fields are found by lower-cased name (`NodeGraphDataFrameFieldNames` of
 *   @grafana/data: id, title, subtitle, mainstat, secondarystat, arc__, detail__, color, icon,
 *   noderadius, highlighted, source, target, thickness, strokedasharray); `arc__*` by prefix, each
 *   coloured by its `config.color.fixedColor`, values per node summing to 1; an edge whose source or
 *   target is not a node id breaks the panel (processEdges reads the missing node), so every edge here
 *   joins two nodes of the nodes frame.
 * - useCategorizeFrames.ts: the frame with a `source` field is the edges frame, the other the nodes.
 * Extra fields (namespace, podPattern, the plain numbers) are ignored by the panel; links and tables use them.
 */
const preferredVisualisationType = 'nodeGraph' as const;

const kindNames: Record<MapNodeKind, string> = {
  workload: 'Workload',
  pod: 'Pod',
  namespace: 'Namespace',
  service: 'Service',
  external: 'External IP',
  other: 'Folded nodes',
};

/** Grafana icon names (availableIconsIndex of @grafana/data); an icon replaces the stats inside a node. */
const icons: Record<MapNodeKind, string> = {
  workload: '',
  pod: '',
  namespace: '',
  service: 'exchange-alt',
  external: 'cloud',
  other: 'layer-group',
};

/** The node's colour when it has no arc to draw (Grafana draws `color` only then). */
const kindColors: Record<MapNodeKind, string> = {
  workload: '#73bf69',
  pod: '#73bf69',
  namespace: '#73bf69',
  service: '#b877d9',
  external: '#5794f2',
  other: '#8e8e8e',
};

const edgeColors = { allowed: '#999999', partlyDenied: '#ff9830', denied: '#f2495c' };

function subtitleOf(node: MapNode): string {
  switch (node.kind) {
    case 'service':
      return `Service in ${node.namespace}`;
    case 'external':
      return 'external IP';
    case 'namespace':
      return 'namespace';
    case 'other':
      return node.namespace || (node.id === 'other:external' ? 'outside the cluster' : 'all namespaces');
    default:
      return node.namespace;
  }
}

function membersOf(node: MapNode): string {
  if (node.kind === 'other') return node.title.replace(/^Other \((.*)\)$/, '$1');
  if (node.pods.length === 0) return '';
  const shown = node.pods.slice(0, 5).join(', ');
  const more = node.pods.length > 5 ? ` and ${countText(node.pods.length - 5)} more` : '';
  return `${countText(node.pods.length)} pod${node.pods.length === 1 ? '' : 's'}: ${shown}${more}`;
}

const regexSpecial = /[.*+?^${}()|[\]\\]/g;
const literal = (text: string) => text.replace(regexSpecial, '\\$&');

/**
 * A regular expression for the Flows builder's `pod` filter (`namespace/pod`, or the IP outside the
 * cluster, either end) that matches the node's traffic, for links to the Pod-to-Pod dashboard. Up to 20
 * pods are named; more share their longest common prefix, which matches them all (and maybe a few more).
 */
export function podPattern(node: MapNode): string {
  if (node.kind === 'external') return `^${literal(node.title)}$`;
  if (node.namespace === '') return '.';
  const namespace = `^${literal(node.namespace)}/`;
  if (node.pods.length === 0) return namespace;
  if (node.pods.length <= 20) return `${namespace}(${node.pods.map(literal).join('|')})$`;
  let prefix = node.pods[0]!;
  for (const pod of node.pods) {
    while (!pod.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return `${namespace}${literal(prefix)}`;
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

export interface MapFrameInput {
  refId: string;
  graph: ServiceGraph;
  sql: string;
  notices: FrameNotice[];
  custom?: Record<string, unknown>;
}

export function nodeGraphFrames({ refId, graph, sql, notices, custom }: MapFrameInput): Frame[] {
  const traffic = nodeTraffic(graph.links);
  const nodes = [...graph.nodes.values()]
    .map((node) => {
      const { received, sent } = traffic.get(node.id)!;
      return {
        node,
        received,
        sent,
        connections: received.connections + sent.connections,
        denied: received.deniedConnections + sent.deniedConnections,
      };
    })
    .sort(
      (a, b) => b.received.bytes + b.sent.bytes - (a.received.bytes + a.sent.bytes) || (a.node.id < b.node.id ? -1 : 1)
    );
  const largestNode = Math.max(1, ...nodes.map((entry) => entry.received.bytes + entry.sent.bytes));
  const deniedShare = (entry: { connections: number; denied: number }) =>
    entry.connections === 0 ? 0 : round(entry.denied / entry.connections, 4);

  const nodeFields: FrameField[] = [
    field('id', 'string', stringVector(nodes.map(({ node }) => node.id))),
    field('title', 'string', stringVector(nodes.map(({ node }) => node.title))),
    field('subtitle', 'string', stringVector(nodes.map(({ node }) => subtitleOf(node)))),
    field('mainstat', 'string', stringVector(nodes.map(({ received }) => `${bytesText(received.bytes)} in`)), {
      config: { displayName: 'Bytes received' },
    }),
    field('secondarystat', 'string', stringVector(nodes.map(({ sent }) => `${bytesText(sent.bytes)} out`)), {
      config: { displayName: 'Bytes sent' },
    }),
    // Shares of the node's connections: allowed (or no policy) and denied; they always sum to 1.
    field('arc__allowed', 'number', float64Vector(nodes.map((entry) => 1 - deniedShare(entry))), {
      config: { displayName: 'Allowed connections', color: { mode: 'fixed', fixedColor: 'green' } },
    }),
    field('arc__denied', 'number', float64Vector(nodes.map((entry) => deniedShare(entry))), {
      config: { displayName: 'Denied connections (dropped or rejected)', color: { mode: 'fixed', fixedColor: 'red' } },
    }),
    field('color', 'string', stringVector(nodes.map(({ node }) => kindColors[node.kind]))),
    field('icon', 'string', stringVector(nodes.map(({ node }) => icons[node.kind]))),
    field(
      'nodeRadius',
      'number',
      float64Vector(
        nodes.map((entry) => Math.round(30 + 20 * Math.sqrt((entry.received.bytes + entry.sent.bytes) / largestNode)))
      )
    ),
    // Nodes with denied traffic stand out, as Hubble marks dropped flows.
    field('highlighted', 'boolean', boolVector(nodes.map((entry) => entry.denied > 0))),
    field('detail__kind', 'string', stringVector(nodes.map(({ node }) => kindNames[node.kind])), {
      config: { displayName: 'Kind' },
    }),
    field('detail__namespace', 'string', stringVector(nodes.map(({ node }) => node.namespace)), {
      config: { displayName: 'Namespace' },
    }),
    field('detail__members', 'string', stringVector(nodes.map(({ node }) => membersOf(node))), {
      config: { displayName: 'Made of' },
    }),
    field(
      'detail__traffic',
      'string',
      stringVector(nodes.map(({ received, sent }) => `${bytesText(received.bytes)} in, ${bytesText(sent.bytes)} out`)),
      { config: { displayName: 'Bytes' } }
    ),
    field(
      'detail__connections',
      'string',
      stringVector(
        nodes.map(
          (entry) =>
            `${countText(entry.connections)}, ${countText(entry.denied)} denied (${percentText(deniedShare(entry))})`
        )
      ),
      { config: { displayName: 'Connections in and out' } }
    ),
    field('namespace', 'string', stringVector(nodes.map(({ node }) => node.namespace))),
    field('podPattern', 'string', stringVector(nodes.map(({ node }) => podPattern(node)))),
    field('bytesReceived', 'number', float64Vector(nodes.map(({ received }) => received.bytes)), {
      config: { unit: 'bytes' },
    }),
    field('bytesSent', 'number', float64Vector(nodes.map(({ sent }) => sent.bytes)), { config: { unit: 'bytes' } }),
    field('connections', 'number', float64Vector(nodes.map((entry) => entry.connections))),
    field('deniedConnections', 'number', float64Vector(nodes.map((entry) => entry.denied))),
  ];

  // Traffic inside one node (pods of one workload, a folded "Other") counts in its stats but is not drawn.
  const edges = graph.links
    .filter((link) => link.source !== link.target)
    .sort((a, b) => b.traffic.bytes - a.traffic.bytes || (edgeId(a) < edgeId(b) ? -1 : 1));
  const largestEdge = Math.max(1, ...edges.map((link) => link.traffic.bytes));
  const verdict = ({ traffic }: MapLink) =>
    traffic.deniedConnections === 0
      ? 'allowed'
      : traffic.deniedConnections >= traffic.connections
        ? 'denied'
        : 'partlyDenied';
  const edgeFields: FrameField[] = [
    field('id', 'string', stringVector(edges.map(edgeId))),
    field('source', 'string', stringVector(edges.map((link) => link.source))),
    field('target', 'string', stringVector(edges.map((link) => link.target))),
    field('mainstat', 'string', stringVector(edges.map((link) => bytesText(link.traffic.bytes))), {
      config: { displayName: 'Bytes' },
    }),
    field('secondarystat', 'string', stringVector(edges.map((link) => bitRateText(link.traffic.bitsPerSecond))), {
      config: { displayName: 'Throughput' },
    }),
    field(
      'thickness',
      'number',
      float64Vector(edges.map((link) => round(1 + 4 * Math.sqrt(link.traffic.bytes / largestEdge), 1)))
    ),
    field('color', 'string', stringVector(edges.map((link) => edgeColors[verdict(link)]))),
    // Dashed: nothing got through.
    field('strokeDasharray', 'string', stringVector(edges.map((link) => (verdict(link) === 'denied' ? '5 3' : '')))),
    field('detail__bytes', 'string', stringVector(edges.map((link) => `${countText(link.traffic.bytes)} bytes`)), {
      config: { displayName: 'Bytes' },
    }),
    field('detail__throughput', 'string', stringVector(edges.map((link) => bitRateText(link.traffic.bitsPerSecond))), {
      config: { displayName: 'Throughput (average over the time range)' },
    }),
    field(
      'detail__connections',
      'string',
      stringVector(
        edges.map(
          (link) => `${countText(link.traffic.connections)}, ${countText(link.traffic.deniedConnections)} denied`
        )
      ),
      { config: { displayName: 'Connections' } }
    ),
    field('detail__flows', 'string', stringVector(edges.map((link) => countText(link.traffic.flows))), {
      config: { displayName: 'Flow records' },
    }),
    field('bytes', 'number', float64Vector(edges.map((link) => link.traffic.bytes)), { config: { unit: 'bytes' } }),
    field('bitsPerSecond', 'number', float64Vector(edges.map((link) => round(link.traffic.bitsPerSecond, 3))), {
      config: { unit: 'bps' },
    }),
    field('flowRecords', 'number', float64Vector(edges.map((link) => link.traffic.flows))),
    field('connections', 'number', float64Vector(edges.map((link) => link.traffic.connections))),
    field('deniedConnections', 'number', float64Vector(edges.map((link) => link.traffic.deniedConnections))),
  ];

  return [
    {
      name: 'nodes',
      refId,
      fields: nodeFields,
      meta: {
        preferredVisualisationType,
        executedQueryString: sql,
        ...(notices.length > 0 ? { notices } : {}),
        ...(custom ? { custom } : {}),
      },
    },
    { name: 'edges', refId, fields: edgeFields, meta: { preferredVisualisationType } },
  ];
}

function edgeId(link: MapLink): string {
  return `${link.source}->${link.target}`;
}
