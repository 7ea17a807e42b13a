import { createHash } from 'node:crypto';
import type { ConnectionEnd } from './observedConnections.ts';
import type { Granularity } from './recommendOptions.ts';
import { labelsKey, parsePodLabels, stableLabels, workloadName, type Labels } from './workloadLabels.ts';

/**
 * What a policy applies to or allows: a workload (the pods sharing a namespace and stable labels),
 * a whole namespace, or an outside address.
 */
export interface Workload {
  kind: 'workload';
  namespace: string;
  /** Label selector; empty for namespace granularity (every pod of the namespace). */
  selector: Labels;
  /** In the user's words: the app label, or the pod name without its generated suffix. */
  name: string;
  /** Unique and stable: namespace plus selector. */
  key: string;
}

export interface OutsideAddress {
  kind: 'external';
  ip: string;
}

/** A pod whose labels cannot select it alone (none left once generated ones are dropped). */
export interface UnselectablePod {
  kind: 'unselectable';
  namespace: string;
  podName: string;
}

export type Party = Workload | OutsideAddress | UnselectablePod;

export function partyOf(end: ConnectionEnd, granularity: Granularity, dropGeneratedLabels: boolean): Party {
  if (end.kind === 'external') return { kind: 'external', ip: end.ip };
  if (granularity === 'namespace') {
    return { kind: 'workload', namespace: end.namespace, selector: {}, name: end.namespace, key: end.namespace };
  }
  const labels = parsePodLabels(end.labelsJson);
  const selector = labels ? stableLabels(labels, dropGeneratedLabels) : {};
  if (Object.keys(selector).length === 0) {
    return { kind: 'unselectable', namespace: end.namespace, podName: end.podName };
  }
  return {
    kind: 'workload',
    namespace: end.namespace,
    selector,
    name: workloadName(selector, end.podName),
    key: `${end.namespace}\u0000${labelsKey(selector)}`,
  };
}

/** A short digest of some text: names derived from content, so the same input gives the same name. */
export function contentDigest(text: string, length = 6): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
