import type { Interpolation } from './builderFilterValues';
import { interpolateList, interpolateText } from './modelValues';

const listKeys = ['namespaces', 'excludedNamespaces', 'clusters'] as const;
const textKeys = ['metric', 'endpoint', 'method', 'output', 'window', 'history'] as const;

/**
 * The anomaly detection model as the backend reads it: dashboard variables in its namespace and
 * cluster lists and in its words (metric, endpoint, method, window…) resolved; "All" means no
 * restriction (an empty list) or the backend's default (a word left out).
 */
export function interpolateDetect(
  detect: Record<string, unknown> | undefined,
  context: Interpolation
): Record<string, unknown> & { version: 1 } {
  const interpolated: Record<string, unknown> = { ...detect, version: detect?.version ?? 1 };
  for (const key of listKeys) {
    const list = detect?.[key];
    if (Array.isArray(list) && list.every((item) => typeof item === 'string')) {
      interpolated[key] = interpolateList(list as string[], context);
    }
  }
  for (const key of textKeys) {
    const value = detect?.[key];
    if (typeof value === 'string') {
      const text = interpolateText(value, context);
      if (text === undefined) delete interpolated[key];
      else interpolated[key] = text;
    }
  }
  return interpolated as Record<string, unknown> & { version: 1 };
}
