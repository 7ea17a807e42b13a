import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

/**
 * A TemplateSrv that interpolates the way Grafana's documents and source describe: `$x`, `${x}`,
 * `${x:format}`, `[[x]]`; scoped variables first; "All" gives every option's value, or a custom
 * all value inserted raw; an explicit `:format` in the text wins over the caller's format; unknown
 * variables stay as written. Grafana's own TemplateSrv lives in its app, not in a package.
 */
export interface TestVariable {
  name: string;
  /** Selected value(s); `$__all` for All. */
  value: string | string[];
  options?: string[];
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
}

const variablePattern = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

type Format = string | ((value: unknown, variable: unknown) => string) | undefined;

function applyFormat(value: string | string[], format: Format, variable: unknown): string {
  if (typeof format === 'function') {
    return format(value, variable);
  }
  const values = Array.isArray(value) ? value : [value];
  switch (format) {
    case 'csv':
    case 'raw':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    case 'singlequote':
      return values.map((item) => `'${item.replace(/'/g, "\\'")}'`).join(',');
    case 'regex': {
      const escaped = values.map((item) => item.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&'));
      return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
    }
    default:
      return Array.isArray(value) ? `{${value.join(',')}}` : value;
  }
}

export function fakeTemplateSrv(variables: TestVariable[] = []): TemplateSrv {
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
    replace(target?: string, scopedVars?: ScopedVars, format?: Format) {
      return (target ?? '').replace(variablePattern, (match, ...groups: Array<string | undefined>) => {
        const name = (groups[0] ?? groups[1] ?? groups[3])!;
        const textFormat = groups[2] ?? groups[5];
        const chosenFormat = textFormat ?? format;
        const scoped = scopedVars?.[name];
        if (scoped) {
          return applyFormat(scoped.value as string | string[], chosenFormat, { name });
        }
        const variable = variables.find((candidate) => candidate.name === name);
        if (!variable) {
          return match;
        }
        let value = variable.value;
        if (value === '$__all' || (Array.isArray(value) && value.includes('$__all'))) {
          if (variable.allValue) {
            return variable.allValue;
          }
          value = variable.options ?? [];
        }
        return applyFormat(value, chosenFormat, variable);
      });
    },
    containsTemplate: (target?: string) => {
      variablePattern.lastIndex = 0;
      return [...(target ?? '').matchAll(variablePattern)].some((match) =>
        variables.some((variable) => variable.name === (match[1] ?? match[2] ?? match[4]))
      );
    },
    updateTimeRange: () => {},
  };
}
