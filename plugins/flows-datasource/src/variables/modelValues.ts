import { isAllSelected } from './allSelection';
import { type Interpolation, resolveValues } from './builderFilterValues';
import { referencedVariable } from './variableReference';

// Variables inside the versioned models of computed query types (recommendation, anomalies): lists
// of names and single words, resolved the same way for each.

/**
 * A name list with its variables resolved: a multi-value variable gives its values; one set to "All"
 * means no restriction, which the backend reads as an empty list.
 */
export function interpolateList(texts: string[], context: Interpolation): string[] {
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
export function interpolateText(text: string, context: Interpolation): string | undefined {
  const variable = referencedVariable(text);
  if (variable && isAllSelected(variable, context.scopedVars, context.templateSrv)) {
    return undefined;
  }
  const replaced = context.templateSrv.replace(text, context.scopedVars).trim();
  return replaced === '' || replaced === '$__all' ? undefined : replaced;
}
