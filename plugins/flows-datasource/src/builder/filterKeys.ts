import { flowColumns, knownFlowColumn } from '@flowlens/flow-schema';
import { groupFields, type Term } from './vocabulary';

export interface FilterKeyOption {
  value: string;
  label: string;
  description?: string;
  group: string;
}

/** Builder filter keys: the builder's fields first (in the user's words), then any non-time flows column. */
export const filterKeyOptions: readonly FilterKeyOption[] = [
  ...groupFields.map((field) => ({ ...field, group: 'Flow fields' })),
  ...flowColumns
    .filter((column) => column.kind !== 'time')
    .map((column) => ({ value: column.name, label: column.name, description: column.meaning, group: 'Columns' })),
];

/** The flows column whose values suit a filter key, for suggestions; none for computed fields. */
export function columnForKey(key: string): string | undefined {
  const field = groupFields.find((candidate) => candidate.value === key);
  return field ? field.column : knownFlowColumn(key)?.name;
}

/** The options, plus the current value when it is not one of them (from a newer plugin or a typo). */
export function withCurrent<T extends Term | FilterKeyOption>(options: readonly T[], value: string): Array<T | Term> {
  if (value === '' || options.some((option) => option.value === value)) {
    return [...options];
  }
  return [...options, { value, label: value, description: 'Not known to this version of the plugin' }];
}
