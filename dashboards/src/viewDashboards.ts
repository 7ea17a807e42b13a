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
});
