import type { TemplateSrv } from '@grafana/runtime';

/**
 * A stand-in for Grafana's template service with the interpolation rules the dashboards rely on:
 * `$var`, `${var}`, `${var:format}`, multi-value lists handed to the datasource's format function,
 * "All" expanded to every option, and anything unknown (macros like $__timeFilter) left untouched.
 * Enough to turn dashboard queries into what Grafana's frontend sends; not a full TemplateSrv.
 */
export interface VariableState {
  name: string;
  multi?: boolean;
  includeAll?: boolean;
  /** Selected values; ['$__all'] for "All". */
  current: string[];
  options: string[];
}

type FormatFunction = (value: unknown, variable?: { multi?: boolean; includeAll?: boolean }) => string;

const explicitFormats: Record<string, (values: string[]) => string> = {
  raw: (values) => values.join(','),
  csv: (values) => values.join(','),
  pipe: (values) => values.join('|'),
  text: (values) => values.join(' + '),
  queryparam: (values) => values.map((value) => `var-x=${encodeURIComponent(value)}`).join('&'),
  singlequote: (values) => values.map((value) => `'${value.replace(/'/g, "\\'")}'`).join(','),
  sqlstring: (values) => values.map((value) => `'${value.replace(/'/g, "''")}'`).join(','),
};

export function templateService(variables: VariableState[]): TemplateSrv {
  const byName = new Map(variables.map((variable) => [variable.name, variable]));
  const valuesOf = (variable: VariableState) =>
    variable.current.includes('$__all') ? variable.options : variable.current;
  const pattern = /\$(\w+)|\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)\]\]/g;
  const service = {
    getVariables: () =>
      variables.map((variable) => ({
        name: variable.name,
        type: 'query',
        multi: variable.multi,
        includeAll: variable.includeAll,
        current: {
          value: variable.current.length === 1 && !variable.multi ? variable.current[0] : variable.current,
          text: variable.current,
        },
      })),
    replace: (target?: string, _scoped?: unknown, format?: string | FormatFunction) => {
      if (!target) return target ?? '';
      return target.replace(pattern, (match, plain?: string, braced?: string, explicit?: string, brackets?: string) => {
        const variable = byName.get((plain ?? braced ?? brackets)!);
        if (!variable) return match;
        const values = valuesOf(variable);
        if (explicit) {
          const formatter = explicitFormats[explicit];
          if (!formatter) throw new Error(`format ${explicit} is not emulated`);
          return formatter(values);
        }
        if (typeof format === 'function') {
          const value = variable.multi || variable.includeAll ? values : (values[0] ?? '');
          return format(value, { multi: variable.multi, includeAll: variable.includeAll });
        }
        return values.join(',');
      });
    },
    containsTemplate: (target?: string) =>
      Boolean(target && target.match(pattern)?.some((match) => byName.has(match.replace(/[${}[\]]|:\w+/g, '')))),
    updateTimeRange: () => undefined,
  };
  return service as unknown as TemplateSrv;
}
