import { controllerName, nameLabel, parsePodLabels, stableLabels } from '../recommend/workloadLabels.ts';
import type { FlowEnd } from './flowGroups.ts';
import type { GroupBy } from './serviceMapOptions.ts';

/**
 * What a node of the map stands for. Ids carry the kind as a prefix, so a namespace, a workload, a
 * Service and an address can never share one, whatever their names.
 */
export type MapNodeKind = 'workload' | 'pod' | 'namespace' | 'service' | 'external' | 'other';

export interface MapNode {
  id: string;
  kind: MapNodeKind;
  /** The name shown under the node. */
  title: string;
  /** Empty for addresses outside the cluster and for the overall "Other". */
  namespace: string;
  /** Pod names of a workload or pod node (for links to its traffic); empty for other kinds. */
  pods: string[];
}

/**
 * The node an end of a flow belongs to. A workload is named as Hubble UI groups pods: by the well-known
 * name label among its stable labels (app.kubernetes.io/name, app, k8s-app, name; labels a controller
 * stamps per revision or per pod left out), else by the pod name without its controller's suffix. The
 * rules are the policy recommendation's (recommend/workloadLabels.ts), label first: reviews-v1, -v2 and
 * -v3 (app=reviews) are one node, as in Hubble, where policies still get one per Deployment.
 */
export function nodeOfEnd(end: FlowEnd, groupBy: GroupBy): MapNode {
  if (end.kind === 'external') {
    return { id: `external:${end.ip}`, kind: 'external', title: end.ip || '(no address)', namespace: '', pods: [] };
  }
  const { namespace, podName } = end;
  if (groupBy === 'namespace') {
    return { id: `namespace:${namespace}`, kind: 'namespace', title: namespace, namespace, pods: [] };
  }
  if (groupBy === 'pod') {
    return { id: `pod:${namespace}/${podName}`, kind: 'pod', title: podName, namespace, pods: [podName] };
  }
  const labels = stableLabels(parsePodLabels(end.labelsJson) ?? {}, true);
  const name = nameLabel(labels) ?? (controllerName(podName) || podName);
  return { id: `workload:${namespace}/${name}`, kind: 'workload', title: name, namespace, pods: [podName] };
}

/** A Service by its port name (`namespace/service:port`): one node per Service, whatever the port. */
export function nodeOfService(servicePortName: string): MapNode {
  const withoutPort = servicePortName.replace(/:[^:/]*$/, '');
  const slash = withoutPort.indexOf('/');
  const namespace = slash > 0 ? withoutPort.slice(0, slash) : '';
  const name = slash > 0 ? withoutPort.slice(slash + 1) : withoutPort;
  return { id: `service:${namespace}/${name}`, kind: 'service', title: name, namespace, pods: [] };
}
