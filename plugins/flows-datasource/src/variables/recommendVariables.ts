import type { RecommendQuery } from '../types';
import { isAllSelected } from './allSelection';
import { type Interpolation, resolveValues } from './builderFilterValues';
import { referencedVariable } from './variableReference';

const listKeys = ['namespaces', 'excludedNamespaces', 'allowedNamespaces', 'clusters'] as const;
const choiceKeys = ['policyType', 'granularity', 'runType'] as const;
const flagKeys = ['dropGeneratedLabels', 'allowDns', 'toServices'] as const;

/**
 * A name list with its variables resolved: a multi-value variable gives its values; one set to "All"
 * means no restriction, which the backend reads as an empty list.
 */
function interpolateList(texts: string[], context: Interpolation): string[] {
  const names: string[] = [];
  for (const text of texts) {
    const variable = referencedVariable(text);
    if (variable && isAllSelected(variable, context.scopedVars, context.templateSrv)) {
      return [];
    }
    names.push(...resolveValues(text, variable !== undefined, context));
  }
  const unique = [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
  // Grafana's own "All" spellings, should a custom all value or a typed list carry them.
  return unique.some((name) => name === '$__all' || name === '*') ? [] : unique;
}

/** One text with its variables replaced; undefined when empty or "All", so the backend's default applies. */
function interpolateText(text: string, context: Interpolation): string | undefined {
  const variable = referencedVariable(text);
  if (variable && isAllSelected(variable, context.scopedVars, context.templateSrv)) {
    return undefined;
  }
  const replaced = context.templateSrv.replace(text, context.scopedVars).trim();
  return replaced === '' || replaced === '$__all' ? undefined : replaced;
}

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
