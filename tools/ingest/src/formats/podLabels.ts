/**
 * Pod labels as the flows table keeps them: a JSON object, '' when the endpoint is no pod. From
 * Hubble's `k8s:key=value` list, leaving out what Cilium derives (io.cilium.k8s.*, the pod namespace).
 */
export function labelsFromHubble(labels: unknown): string {
  if (!Array.isArray(labels)) return '';
  // A pod's label list comes again with each of its flows: the answer is kept by the list's text
  // (building the object and its JSON cost twice the lookup).
  // The list joined on NUL is that text only while no label holds a NUL (no valid label does; a
  // hostile line might, and must not plant an answer for another list), so such lists are not kept.
  for (const label of labels) {
    if (typeof label !== 'string' || label.includes('\0')) return hubbleLabelsJson(labels);
  }
  const key = labels.join('\0');
  if (key.length > longestKeptLabels) return hubbleLabelsJson(labels);
  let json = knownHubbleLabels.get(key);
  if (json === undefined) {
    if (knownHubbleLabels.size >= knownHubbleLabelsLimit) knownHubbleLabels.clear();
    json = hubbleLabelsJson(labels);
    knownHubbleLabels.set(key, json);
  }
  return json;
}

const knownHubbleLabels = new Map<string, string>();
// Bounded to a few megabytes, whatever the lines hold: at most this many lists, each this long.
const knownHubbleLabelsLimit = 4096;
const longestKeptLabels = 1024;

function hubbleLabelsJson(labels: unknown[]): string {
  const pod: Record<string, string> = {};
  for (const label of labels) {
    if (typeof label !== 'string' || !label.startsWith('k8s:')) continue;
    const text = label.slice(4);
    const equals = text.indexOf('=');
    const key = equals < 0 ? text : text.slice(0, equals);
    if (key.startsWith('io.cilium.k8s.') || key === 'io.kubernetes.pod.namespace') continue;
    pod[key] = equals < 0 ? '' : text.slice(equals + 1);
  }
  return Object.keys(pod).length > 0 ? JSON.stringify(pod) : '';
}

/** From add_kubernetes_metadata's `kubernetes.labels` object (keys as Beats wrote them, dedotted or not). */
export function labelsFromBeats(labels: unknown): string {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return '';
  const pod: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') pod[key] = String(value);
  }
  return Object.keys(pod).length > 0 ? JSON.stringify(pod) : '';
}
