import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { FilterOperator, FlowsFilter } from '../types';
import { isAllSelected, isBlank } from './allSelection';
import { referencedVariable } from './variableReference';

export interface Interpolation {
  templateSrv: TemplateSrv;
  scopedVars: ScopedVars | undefined;
}

/** Operators for which "All" means "no condition" rather than a list of every value. */
const allMeansAnything = new Set<FilterOperator>(['=', 'in', '=~']);

/**
 * Builder filter values with template variables resolved into plain strings — never SQL: the
 * backend quotes them. A value that is exactly one multi-value variable becomes its list of values;
 * a variable set to "All", or a text box left empty, drops an `=`/`in`/`=~` filter, like
 * `$__conditionalAll` in SQL. A row the
 * user has not given a field yet is left out rather than failing the query.
 */
export function interpolateFilters(filters: FlowsFilter[], context: Interpolation): FlowsFilter[] {
  return filters.flatMap((filter) => {
    const interpolated = filter.key === '' ? undefined : interpolateFilter(filter, context);
    return interpolated ? [interpolated] : [];
  });
}

function interpolateFilter(filter: FlowsFilter, context: Interpolation): FlowsFilter | undefined {
  const texts = Array.isArray(filter.value) ? filter.value : [filter.value];
  const values: string[] = [];
  for (const text of texts) {
    const variable = referencedVariable(text);
    if (
      variable &&
      allMeansAnything.has(filter.operator) &&
      (isAllSelected(variable, context.scopedVars, context.templateSrv) ||
        isBlank(variable, context.scopedVars, context.templateSrv))
    ) {
      return undefined;
    }
    values.push(...resolveValues(text, variable !== undefined, context));
  }
  if (!Array.isArray(filter.value) && values.length === 1) {
    return { ...filter, value: values[0]! };
  }
  // A list under = or != means "any of" / "none of"; saying so keeps an empty list valid SQL.
  const operator = values.length === 1 ? filter.operator : listOperator(filter.operator);
  return { ...filter, operator, value: values };
}

function listOperator(operator: FilterOperator): FilterOperator {
  if (operator === '=') {
    return 'in';
  }
  return operator === '!=' ? 'not in' : operator;
}

/**
 * A text with its variables replaced: a text that is exactly one (multi-value) variable gives its
 * values as a list, any other text one value.
 */
export function resolveValues(
  text: string,
  wholeVariable: boolean,
  { templateSrv, scopedVars }: Interpolation
): string[] {
  let list: string[] | undefined;
  const replaced = templateSrv.replace(text, scopedVars, (value: unknown) => {
    const items = Array.isArray(value) ? value.map(String) : [String(value)];
    if (wholeVariable) {
      list = items;
    }
    return items.join(',');
  });
  // Grafana skips the format function for an explicit format (${var:regex}) or a custom "All" value.
  return list ?? [replaced];
}
