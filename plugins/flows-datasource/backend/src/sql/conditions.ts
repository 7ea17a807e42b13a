import type { Dialect } from './dialect.ts';
import type { ColumnKind } from '@flowlens/flow-schema';

/**
 * Filters from the builder and from Grafana's ad-hoc filter bar, turned into SQL conditions. Keys are
 * resolved to known expressions (never taken from input), values become literals through the
 * dialect's quoting (strings) or a strict number check (numbers), so no value can escape its literal.
 */
export interface Filter {
  key: string;
  operator: string;
  value: string | string[];
}

export interface ResolvedKey {
  /**
   * What the key reads. Several expressions mean "either side" (e.g. a namespace as source or as
   * destination): a positive condition holds when any side matches, a negative one when none does.
   */
  expression: string | string[];
  kind: ColumnKind;
}

const negativeOperators = new Set(['!=', 'not in', '!=|', '!~']);

export class FilterError extends Error {}

const numberPattern = /^-?\d+(\.\d+)?$/;

export function conditionSql(
  filter: Filter,
  dialect: Dialect,
  resolve: (key: string) => ResolvedKey | undefined
): string {
  const key = resolve(filter.key);
  if (key && Array.isArray(key.expression)) {
    const sides = key.expression.map((expression) =>
      conditionSql(filter, dialect, () => ({ expression, kind: key.kind }))
    );
    return `(${sides.join(negativeOperators.has(filter.operator) ? ' AND ' : ' OR ')})`;
  }
  return singleCondition(filter, dialect, key as { expression: string; kind: ColumnKind } | undefined);
}

function singleCondition(
  filter: Filter,
  dialect: Dialect,
  key: { expression: string; kind: ColumnKind } | undefined
): string {
  if (!key) {
    throw new FilterError(`filter key "${filter.key}" is not a flows column or builder field`);
  }
  if (key.kind === 'time') {
    throw new FilterError(`filter on time column "${filter.key}" is not supported; use the dashboard time range`);
  }
  const values = Array.isArray(filter.value) ? filter.value : [filter.value];
  const literal = (value: string) => {
    if (key.kind === 'number') {
      const trimmed = value.trim();
      if (!numberPattern.test(trimmed)) {
        throw new FilterError(`filter ${filter.key} ${filter.operator} "${value}": ${filter.key} holds numbers`);
      }
      return trimmed;
    }
    return dialect.quoteString(value);
  };
  const { expression } = key;
  switch (filter.operator) {
    case '=':
    case '!=':
      if (values.length === 0) {
        // Nothing equals a value from an empty list; everything differs from all of them.
        return filter.operator === '=' ? '1=0' : '1=1';
      }
      if (values.length !== 1) {
        // A multi-value template variable in an equality means "any of these".
        return `${expression} ${filter.operator === '=' ? 'IN' : 'NOT IN'} (${values.map(literal).join(', ')})`;
      }
      return `${expression} ${filter.operator} ${literal(values[0]!)}`;
    case '<':
    case '>':
    case '<=':
    case '>=':
      if (values.length !== 1) {
        throw new FilterError(`filter ${filter.key} ${filter.operator} needs exactly one value`);
      }
      return `${expression} ${filter.operator} ${literal(values[0]!)}`;
    case 'in':
    case '=|':
    case 'not in':
    case '!=|': {
      const negated = filter.operator === 'not in' || filter.operator === '!=|';
      if (values.length === 0) {
        return negated ? '1=1' : '1=0';
      }
      return `${expression} ${negated ? 'NOT IN' : 'IN'} (${values.map(literal).join(', ')})`;
    }
    case '=~':
    case '!~': {
      if (values.length !== 1) {
        throw new FilterError(`filter ${filter.key} ${filter.operator} needs exactly one pattern`);
      }
      const text = key.kind === 'number' ? `CAST(${expression} AS VARCHAR)` : expression;
      const match = dialect.regexMatch(text, dialect.quoteString(values[0]!));
      return filter.operator === '=~' ? match : `NOT ${match}`;
    }
    default:
      throw new FilterError(
        `filter operator "${filter.operator}" is not supported; use =, !=, <, >, <=, >=, =~, !~, in, not in`
      );
  }
}

export function parseFilters(input: unknown, what: string): Filter[] {
  if (input === undefined || input === null) {
    return [];
  }
  if (!Array.isArray(input)) {
    throw new FilterError(`${what} must be a list of {key, operator, value}`);
  }
  return input.map((item, index) => {
    const filter = item as Partial<Filter> | null;
    const valueOk =
      typeof filter?.value === 'string' ||
      (Array.isArray(filter?.value) && filter.value.every((value) => typeof value === 'string'));
    if (!filter || typeof filter.key !== 'string' || typeof filter.operator !== 'string' || !valueOk) {
      throw new FilterError(`${what}[${index}] must be {key: text, operator: text, value: text or list of text}`);
    }
    return { key: filter.key, operator: filter.operator, value: filter.value! };
  });
}
