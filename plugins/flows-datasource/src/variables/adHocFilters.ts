import type { AdHocVariableFilter } from '@grafana/data';
import type { FilterOperator, FlowsFilter } from '../types';

/** Grafana's multi-value ad-hoc operators, named as the backend's filter operators. */
const listOperators: Record<string, FilterOperator> = { '=|': 'in', '!=|': 'not in' };

/**
 * The dashboard's ad-hoc filters as the query's `adHocFilters`. Values stay plain text: the backend
 * resolves each key to a flows column and quotes each value, on either engine.
 */
export function toQueryFilters(filters: AdHocVariableFilter[] | undefined): FlowsFilter[] {
  return (filters ?? [])
    .filter((filter) => filter.key !== '')
    .map((filter) => {
      const listOperator = listOperators[filter.operator];
      if (listOperator) {
        return { key: filter.key, operator: listOperator, value: filter.values ?? [filter.value] };
      }
      // Other operators pass through; an unknown one gets the backend's clear per-query error.
      return { key: filter.key, operator: filter.operator as FilterOperator, value: filter.value };
    });
}
