/**
 * Pod labels as a selector can use them: parsed from the flow record's JSON, without the labels a
 * controller stamps per revision or per pod, which would pin a policy to one ReplicaSet or one pod.
 */
export const generatedLabelKeys = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'job-name',
]);

export type Labels = Record<string, string>;

export function parsePodLabels(json: string): Labels | undefined {
  if (json.trim() === '') return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const labels: Labels = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string') labels[key] = value;
    }
    return labels;
  } catch {
    return undefined;
  }
}

export function stableLabels(labels: Labels, dropGenerated: boolean): Labels {
  const kept = Object.entries(labels)
    .filter(([key]) => !dropGenerated || !generatedLabelKeys.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(kept);
}

/**
 * The name people call a workload by: its controller's name (the pod name without the suffixes a
 * Deployment, StatefulSet or Job adds), else its well-known name label.
 */
export function workloadName(labels: Labels, podName: string): string {
  return controllerName(podName) || nameLabel(labels) || 'pods';
}

/** The pod name without the suffix its controller added; empty when nothing is left. */
export function controllerName(podName: string): string {
  // Deployment pods end in -<hash>-<5 chars>, StatefulSet pods in -<index>, Job pods in -<5 chars>.
  return podName.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '').replace(/-([a-z0-9]{5}|\d+)$/, '');
}

/** The value of the first well-known name label a pod has (app.kubernetes.io/name, app, k8s-app, name). */
export function nameLabel(labels: Labels): string | undefined {
  for (const key of ['app.kubernetes.io/name', 'app', 'k8s-app', 'name']) {
    const value = labels[key];
    if (value) return value;
  }
  return undefined;
}

/** A canonical text for a label set, for grouping and hashing. */
export function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
