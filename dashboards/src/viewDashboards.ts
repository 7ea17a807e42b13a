import { flowViewDashboard } from './flowViewDashboard.ts';

export const podToPod = flowViewDashboard({
  uid: 'flowlens-pod-to-pod',
  title: 'FlowLens / Pod-to-Pod',
  description: 'Traffic between pods inside the cluster that does not go through a Service.',
  view: 'pod-to-pod',
  source: 'sourcePod',
  target: 'destinationPod',
  sourceNoun: 'pod',
  targetNoun: 'pod',
  podEnds: ['source', 'target'],
  pies: ['sourceNamespace', 'destinationNamespace'],
  podsVariable: true,
  theiaDifference:
    "Unlike Theia's Pod-to-Pod, traffic sent to a Service's ClusterIP is left out (it is on Pod-to-Service), and a pod is one node (Theia's ClickHouse dashboards draw one per source port).",
});

export const podToService = flowViewDashboard({
  uid: 'flowlens-pod-to-service',
  title: 'FlowLens / Pod-to-Service',
  description: 'Traffic from pods to Services (ClusterIP), by the Service port it was sent to.',
  view: 'pod-to-service',
  source: 'sourcePod',
  target: 'destinationService',
  sourceNoun: 'pod',
  targetNoun: 'Service',
  podEnds: ['source'],
  pies: ['sourceNamespace', 'destinationNamespace'],
  podsVariable: true,
  theiaDifference:
    "Unlike Theia's Pod-to-Service, a Service is its port name (namespace/service:port) without the port number, traffic into a Service from outside the cluster counts too, and a pod is one node (Theia's ClickHouse dashboards draw one per source port).",
});

export const podToExternal = flowViewDashboard({
  uid: 'flowlens-pod-to-external',
  title: 'FlowLens / Pod-to-External',
  description: 'Traffic from pods to addresses outside the cluster.',
  view: 'pod-to-external',
  source: 'sourcePod',
  target: 'destinationIP',
  sourceNoun: 'pod',
  targetNoun: 'external IP',
  podEnds: ['source'],
  pies: ['sourceNamespace'],
  theiaDifference:
    "As in Theia's Pod-to-External (flow type 3), except that a pod is one node (Theia's ClickHouse dashboards draw one per source port).",
});

export const nodeToNode = flowViewDashboard({
  uid: 'flowlens-node-to-node',
  title: 'FlowLens / Node-to-Node',
  description: 'Traffic between the nodes of the cluster, by the nodes of its source and destination pods.',
  view: 'node-to-node',
  source: 'sourceNode',
  target: 'destinationNode',
  sourceNoun: 'node',
  targetNoun: 'node',
  pies: ['sourceNode', 'destinationNode', 'sourceNamespace', 'destinationNamespace'],
  theiaDifference: "As in Theia's Node-to-Node: flows whose source and destination nodes are both known.",
});
