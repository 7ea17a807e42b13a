import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

/** Grafana's value for a variable whose "All" option is selected. */
export const allValue = '$__all';

/**
 * Whether a variable is set to "All" right now. A repeated panel's own value (scopedVars) wins over
 * the dashboard's selection, as it does when Grafana interpolates.
 */
export function isAllSelected(name: string, scopedVars: ScopedVars | undefined, templateSrv: TemplateSrv): boolean {
  return holdsAll(currentValue(name, scopedVars, templateSrv));
}

/**
 * Whether a variable holds one empty text: a text box nothing was typed into. Like "All", it asks for
 * no condition (as `$__conditionalAll` reads it); an empty multi-value selection is a list, not this.
 */
export function isBlank(name: string, scopedVars: ScopedVars | undefined, templateSrv: TemplateSrv): boolean {
  return currentValue(name, scopedVars, templateSrv) === '';
}

function currentValue(name: string, scopedVars: ScopedVars | undefined, templateSrv: TemplateSrv): unknown {
  const scoped = scopedVars?.[name];
  if (scoped) {
    return scoped.value;
  }
  const variable = templateSrv.getVariables().find((candidate) => candidate.name === name);
  const current = variable && 'current' in variable ? variable.current : undefined;
  return current?.value;
}

function holdsAll(value: unknown): boolean {
  return value === allValue || (Array.isArray(value) && value.includes(allValue));
}
