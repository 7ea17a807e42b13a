import type { TimeRange } from '@grafana/data';
import type { ComboboxOption } from '@grafana/ui';
import { useCallback, useRef } from 'react';
import { columnForKey } from '../builder/filterKeys';
import type { FlowsDataSource } from '../datasource';

/** Enough options to scroll through; typing narrows them. */
const shownOptions = 200;

/**
 * Options for a filter value as the user types: the dashboard's variables (so a filter can follow
 * `$namespace`), then the column's most frequent values from the backend, asked once per column.
 */
export function useValueOptions(datasource: FlowsDataSource, key: string, range?: TimeRange) {
  const values = useRef(new Map<string, Promise<string[]>>());
  return useCallback(
    async (input: string): Promise<Array<ComboboxOption<string>>> => {
      const column = columnForKey(key);
      let columnValues: string[] = [];
      if (column) {
        if (!values.current.has(column)) {
          // A failed lookup only means no suggestions: the user can still type a value.
          values.current.set(
            column,
            datasource.getColumnValues(column, range).catch(() => [])
          );
        }
        columnValues = await values.current.get(column)!;
      }
      const needle = input.toLowerCase();
      const options: Array<ComboboxOption<string>> = [
        ...datasource.variableNames().map((name) => ({ value: `$${name}`, description: 'Template variable' })),
        ...columnValues.filter((value) => value !== '').map((value) => ({ value })),
      ];
      return options.filter((option) => option.value.toLowerCase().includes(needle)).slice(0, shownOptions);
    },
    [datasource, key, range]
  );
}
