import type { TimeRange } from '@grafana/data';
import type { ComboboxOption } from '@grafana/ui';
import { useCallback, useRef } from 'react';
import type { FlowsDataSource } from '../datasource';

const shownOptions = 200;

/**
 * Options for a list of names (namespaces, clusters) as the user types: the dashboard's variables,
 * then the values of the given flows columns in the time range, asked once per editor.
 */
export function useNameOptions(datasource: FlowsDataSource, columns: string[], range?: TimeRange) {
  const values = useRef<Promise<string[]>>(undefined);
  const columnList = columns.join(',');
  return useCallback(
    async (input: string): Promise<Array<ComboboxOption<string>>> => {
      // A failed lookup only means no suggestions: the user can still type a name.
      values.current ??= Promise.all(
        columnList.split(',').map((column) => datasource.getColumnValues(column, range).catch(() => []))
      ).then((lists) => [...new Set(lists.flat().filter((value) => value !== ''))].sort());
      const needle = input.toLowerCase();
      const options: Array<ComboboxOption<string>> = [
        ...datasource.variableNames().map((name) => ({ value: `$${name}`, description: 'Template variable' })),
        ...(await values.current).map((value) => ({ value })),
      ];
      return options.filter((option) => option.value.toLowerCase().includes(needle)).slice(0, shownOptions);
    },
    [datasource, columnList, range]
  );
}
