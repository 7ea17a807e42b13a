import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { formatVariableValue, referenceOf, variablePattern, type VariableFormat } from './templateFormats.ts';

/** A dashboard variable as a test sets it up. */
export interface TestVariable {
  name: string;
  /** Selected value(s); `$__all` (or `['$__all']`) for All. */
  value: string | string[];
  options?: string[];
  multi?: boolean;
  includeAll?: boolean;
  /** A custom all value, inserted raw when All is selected. */
  allValue?: string;
}

const allValue = '$__all';

/**
 * The one stand-in for Grafana's TemplateSrv in FlowLens's tests (Grafana's own lives in its app, not
 * in a package). It interpolates as Grafana does: `$x`, `${x}`, `${x:format}`, `[[x]]`; scoped
 * variables first; a multi-value variable's list and a single one's text handed to the format; "All"
 * as every option's value, or a custom all value inserted raw; a format in the text wins over the
 * caller's; unknown variables (and macros such as $__timeFilter) stay as written.
 */
export function fakeTemplateSrv(variables: TestVariable[] = []): TemplateSrv {
  const byName = new Map(variables.map((variable) => [variable.name, variable]));
  return {
    getVariables: () =>
      variables.map(
        (variable) =>
          ({
            name: variable.name,
            type: 'custom',
            multi: variable.multi ?? false,
            includeAll: variable.includeAll ?? false,
            allValue: variable.allValue ?? null,
            current: { value: variable.value, text: variable.value },
            options: (variable.options ?? []).map((option) => ({ value: option, text: option, selected: false })),
          }) as unknown as TypedVariableModel
      ),
    replace(target?: string, scopedVars?: ScopedVars, format?: VariableFormat) {
      return (target ?? '').replace(variablePattern, (match, ...groups: Array<string | undefined>) => {
        const reference = referenceOf(groups);
        const chosenFormat = reference.format ?? format;
        const scoped = scopedVars?.[reference.name];
        if (scoped) {
          return formatVariableValue(scoped.value, chosenFormat, { name: reference.name });
        }
        const variable = byName.get(reference.name);
        if (!variable) {
          return match;
        }
        const selected = Array.isArray(variable.value) ? variable.value : [variable.value];
        if (selected.includes(allValue)) {
          return variable.allValue ?? formatVariableValue(variable.options ?? [], chosenFormat, variable);
        }
        const value = variable.multi ? selected : Array.isArray(variable.value) ? (selected[0] ?? '') : variable.value;
        return formatVariableValue(value, chosenFormat, variable);
      });
    },
    containsTemplate: (target?: string) =>
      [...(target ?? '').matchAll(variablePattern)].some((match) => byName.has(referenceOf(match.slice(1)).name)),
    updateTimeRange: () => undefined,
  };
}
