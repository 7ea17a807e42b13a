import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Field, Select, Stack, Text } from '@grafana/ui';
import React, { useId, useState } from 'react';
import type { FlowsDataSource } from '../datasource';
import { columnValuesSql } from '../query/columnValuesSql';
import { flowColumns } from '@flowlens/flow-schema';
import type { FlowsDataSourceOptions, FlowsQuery } from '../types';
import { SqlQueryBody } from './SqlQueryBody';

type Props = Omit<QueryEditorProps<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions>, 'query'> & {
  query: FlowsQuery | string;
};

const columnOptions = flowColumns
  .filter((column) => column.kind !== 'time')
  .map((column) => ({ value: column.name, label: column.name, description: column.meaning }));

/**
 * Query variables: SQL whose first column gives the values and optional second column their text.
 * Grafana refreshes the variable on every change, so the SQL is committed on blur or Ctrl/Cmd+Enter,
 * not on each keystroke. "Values of a column" writes the common query for you.
 */
export function VariableQueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  // Variables saved by hand or by other tools may hold the SQL as a bare string.
  const current: FlowsQuery =
    typeof query === 'string' ? { refId: 'variable', queryType: 'sql', format: 'table', rawSql: query } : query;
  const [draft, setDraft] = useState(current.rawSql ?? '');
  const columnPickerId = useId();
  const commit = (rawSql: string) => {
    setDraft(rawSql);
    if (rawSql !== current.rawSql) {
      onChange({ ...current, queryType: 'sql', format: 'table', rawSql });
    }
  };
  return (
    <Stack direction="column" gap={1}>
      <Text element="p" color="secondary" variant="bodySmall">
        The first column gives the values; a second column, when present, the text shown in the picker. Other variables
        and macros such as <code>$__timeFilter(flowEndSeconds)</code> work here too.
      </Text>
      <Field label="Values of a column" description="Writes the query below; edit it as you like">
        <Select
          inputId={columnPickerId}
          width={40}
          placeholder="Choose a flows column"
          options={columnOptions}
          value={null}
          onChange={(option: SelectableValue<string>) => {
            const column = flowColumns.find((candidate) => candidate.name === option.value)!;
            commit(columnValuesSql(column));
            onRunQuery();
          }}
        />
      </Field>
      <SqlQueryBody
        datasource={datasource}
        sql={draft}
        onSqlChange={setDraft}
        onSqlBlur={commit}
        onRun={() => {
          commit(draft);
          onRunQuery();
        }}
        showMacroHelp={false}
      />
    </Stack>
  );
}
