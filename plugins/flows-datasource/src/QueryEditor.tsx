import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { TextArea } from '@grafana/ui';
import type { FlowsDataSource } from './datasource';
import type { FlowsDataSourceOptions, FlowsQuery } from './types';

type Props = QueryEditorProps<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions>;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  return (
    <TextArea
      aria-label="SQL"
      rows={8}
      value={query.rawSql ?? ''}
      onChange={(e) => onChange({ ...query, queryType: 'sql', rawSql: e.currentTarget.value })}
      onBlur={onRunQuery}
    />
  );
}
