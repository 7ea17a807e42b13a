import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Field, RadioButtonGroup, Select, Stack, Text } from '@grafana/ui';
import React, { useId, useState } from 'react';
import { normalizeBuilderQuery } from '../builder/builderQuery';
import type { FlowsDataSource } from '../datasource';
import { columnValuesSql } from '../query/columnValuesSql';
import { defaultVariableBuilderQuery } from '../query/defaultQueries';
import { queryTypeOf } from '../query/queryType';
import { flowColumns } from '@flowlens/flow-schema';
import type { FlowsBuilderQuery, FlowsDataSourceOptions, FlowsQuery } from '../types';
import { FlowsBuilder } from './FlowsBuilder';
import { SqlQueryBody } from './SqlQueryBody';

type Props = Omit<QueryEditorProps<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions>, 'query'> & {
  query: FlowsQuery | string;
};

const columnOptions = flowColumns
  .filter((column) => column.kind !== 'time')
  .map((column) => ({ value: column.name, label: column.name, description: column.meaning }));

type Mode = 'flows' | 'sql';

const modes: Array<{ label: string; value: Mode; description: string }> = [
  {
    label: 'Builder',
    value: 'flows',
    description: 'The values of the group-by fields; read from the per-minute rollup when it can answer',
  },
  { label: 'SQL', value: 'sql', description: 'The first column gives the values, a second the text' },
];

/**
 * Query variables, in two modes. Builder: a flow question whose group-by fields give the values (all
 * of them, once each, busiest first), so "source and destination namespace" lists the namespaces at
 * either end; like any builder question it reads the rollup where one answers it, and runs on both
 * engines. SQL: the first column gives the values and an optional second their text; Grafana refreshes
 * the variable on every change, so the SQL is committed on blur or Ctrl/Cmd+Enter, not on each
 * keystroke. "Values of a column" writes the common query for you.
 */
export function VariableQueryEditor({ query, onChange, onRunQuery, datasource, range }: Props) {
  // Variables saved by hand or by other tools may hold the SQL as a bare string.
  const current: FlowsQuery =
    typeof query === 'string' ? { refId: 'variable', queryType: 'sql', format: 'table', rawSql: query } : query;
  const mode: Mode = queryTypeOf(current) === 'flows' ? 'flows' : 'sql';
  const [draft, setDraft] = useState(current.rawSql ?? '');
  const columnPickerId = useId();
  const commit = (rawSql: string) => {
    setDraft(rawSql);
    if (rawSql !== current.rawSql) {
      onChange({ ...current, queryType: 'sql', format: 'table', rawSql });
    }
  };
  const changeBuilder = (flows: FlowsBuilderQuery) => {
    onChange({ ...current, queryType: 'flows', format: 'table', flows });
    onRunQuery();
  };
  const changeMode = (next: Mode) => {
    if (next === 'flows') {
      changeBuilder(current.flows ? normalizeBuilderQuery(current.flows) : defaultVariableBuilderQuery);
    } else {
      onChange({ ...current, queryType: 'sql', format: 'table', rawSql: draft });
      onRunQuery();
    }
  };
  return (
    <Stack direction="column" gap={1}>
      <RadioButtonGroup size="sm" aria-label="Variable query mode" options={modes} value={mode} onChange={changeMode} />
      {mode === 'flows' ? (
        <>
          <Text element="p" color="secondary" variant="bodySmall">
            The values are those of every group-by field, once each, busiest first by the metric (set the
            variable&apos;s sort to change the order). Filters take other variables, so variables can depend on each
            other.
          </Text>
          <FlowsBuilder
            flows={normalizeBuilderQuery(current.flows)}
            format="table"
            onChange={changeBuilder}
            datasource={datasource}
            range={range}
          />
        </>
      ) : (
        <>
          <Text element="p" color="secondary" variant="bodySmall">
            The first column gives the values; a second column, when present, the text shown in the picker. Other
            variables and macros such as <code>$__timeFilter(flowEndSeconds)</code> work here too.
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
        </>
      )}
    </Stack>
  );
}
