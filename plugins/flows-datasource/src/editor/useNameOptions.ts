import type { SelectableValue, TimeRange } from '@grafana/data';
import { useCallback, useRef } from 'react';
import type { FlowsDataSource } from '../datasource';
import { suggestionOptions } from './suggestionOptions';

/**
 * Options for a list of names (namespaces, clusters) as the user types: the dashboard's variables,
 * then the values of the given flows columns in the time range, asked once per editor.
 */
export function useNameOptions(datasource: FlowsDataSource, columns: string[], range?: TimeRange) {
  const values = useRef<Promise<string[]>>(undefined);
  const columnList = columns.join(',');
  return useCallback(
    async (input: string): Promise<Array<SelectableValue<string>>> => {
      // A failed lookup only means no suggestions: the user can still type a name.
      values.current ??= Promise.all(
        columnList.split(',').map((column) => datasource.getColumnValues(column, range).catch(() => []))
      ).then((lists) => [...new Set(lists.flat().filter((value) => value !== ''))].sort());
      return suggestionOptions(datasource.variableNames(), await values.current, input);
    },
    [datasource, columnList, range]
  );
}
