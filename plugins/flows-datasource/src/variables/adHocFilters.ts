import type { AdHocVariableFilter, MetricFindValue } from '@grafana/data';
import { filterKeys, flowsTable, type DatabaseSchema } from '../schema/flowsSchema';
import type { FilterOperator, FlowsFilter } from '../types';

/**
 * Ad-hoc filter keys, or why there are none: Grafana's GetTagResponse, spelled here because Grafana 11.0's
 * @grafana/data has no such type. Grafana 11.0 reads only a list of keys, so there a failure shows as its
 * picker's own error, not this reason.
 */
export interface TagKeysResponse {
  data: MetricFindValue[];
  error?: { message: string };
}

/** A filter as newer Grafana sends it: `values` came with the multi-value operators, after 11.0. */
type AdHocFilter = AdHocVariableFilter & { values?: string[] };

/** Grafana's multi-value ad-hoc operators, named as the backend's filter operators. */
const listOperators: Record<string, FilterOperator> = { '=|': 'in', '!=|': 'not in' };

/**
 * The dashboard's ad-hoc filters as the query's `adHocFilters`. Values stay plain text: the backend
 * resolves each key to a flows column and quotes each value, on either engine.
 */
export function toQueryFilters(filters: AdHocFilter[] | undefined): FlowsFilter[] {
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

/**
 * Ad-hoc filter keys, from the live table only (the `schema` resource): never a built-in list, which
 * would offer keys a table made by Theia lacks, and every query with such a filter would then fail.
 * When the schema cannot be read, or has no flows table, no key is offered and the reason is the
 * response's error: Grafana's ad-hoc filter shows that message on the variable's label, while a
 * rejected promise shows only "An error has occurred fetching labels" in the key list.
 */
export async function adHocFilterKeys(readSchema: () => Promise<DatabaseSchema>): Promise<TagKeysResponse> {
  let schema: DatabaseSchema;
  try {
    schema = await readSchema();
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    return { data: [], error: { message: `No filter keys: ${reason}. Check the datasource (Save & test).` } };
  }
  if (!flowsTable(schema)) {
    const tables = schema.tables.map((table) => table.name).join(', ') || 'none';
    return {
      data: [],
      error: { message: `No filter keys: the datasource's database has no flows table (its tables: ${tables}).` },
    };
  }
  return { data: filterKeys(schema).map((key) => ({ text: key.name, value: key.name })) };
}
