import type { RecommendQuery } from '../types';
import type { Interpolation } from './builderFilterValues';
import { interpolateList, interpolateText } from './modelValues';

const listKeys = ['namespaces', 'excludedNamespaces', 'allowedNamespaces', 'clusters'] as const;
const choiceKeys = ['policyType', 'granularity', 'runType'] as const;
const flagKeys = ['dropGeneratedLabels', 'allowDns', 'toServices'] as const;

/**
 * The recommendation model as the backend reads it: variables in lists, choices, flags and the flow
 * limit resolved into names, words, booleans and numbers. A value that does not resolve into one is
 * passed on as text, so the backend's error names it.
 */
export function interpolateRecommend(recommend: RecommendQuery | undefined, context: Interpolation): RecommendQuery {
  const interpolated: RecommendQuery = { ...recommend, version: recommend?.version ?? 1 };
  for (const key of listKeys) {
    const list = recommend?.[key];
    if (Array.isArray(list)) {
      interpolated[key] = interpolateList(list, context);
    }
  }
  for (const key of choiceKeys) {
    const value = recommend?.[key];
    if (typeof value === 'string') {
      const text = interpolateText(value, context);
      if (text === undefined) delete interpolated[key];
      else interpolated[key] = text;
    }
  }
  for (const key of flagKeys) {
    const value = recommend?.[key];
    if (typeof value === 'string') {
      const text = interpolateText(value, context)?.toLowerCase();
      if (text === undefined) delete interpolated[key];
      else interpolated[key] = text === 'true' ? true : text === 'false' ? false : text;
    }
  }
  if (typeof recommend?.flowLimit === 'string') {
    const text = interpolateText(recommend.flowLimit, context);
    if (text === undefined) delete interpolated.flowLimit;
    else interpolated.flowLimit = /^\d+$/.test(text) ? Number(text) : text;
  }
  return interpolated;
}
