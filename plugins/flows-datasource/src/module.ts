import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import { FlowsDataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import type { FlowsDataSourceOptions, FlowsQuery } from './types';

export const plugin = new DataSourcePlugin<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions>(FlowsDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
