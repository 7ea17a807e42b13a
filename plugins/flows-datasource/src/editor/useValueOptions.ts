import type { SelectableValue, TimeRange } from '@grafana/data';
import { useCallback, useRef } from 'react';
import { columnForKey } from '../builder/filterKeys';
import type { FlowsDataSource } from '../datasource';
import { suggestionOptions } from './suggestionOptions';

/**
 * Options for a filter value as the user types: the dashboard's variables (so a filter can follow
 * `$namespace`), then the column's most frequent values from the backend, asked once per column.
 */
export function useValueOptions(datasource: FlowsDataSource, key: string, range?: TimeRange) {
  const values = useRef(new Map<string, Promise<string[]>>());
  return useCallback(
    async (input: string): Promise<Array<SelectableValue<string>>> => {
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
      return suggestionOptions(datasource.variableNames(), columnValues, input);
    },
    [datasource, key, range]
  );
}
