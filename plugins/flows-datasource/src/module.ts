import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './config/ConfigEditor';
import { FlowsDataSource } from './datasource';
import { QueryEditor } from './editor/QueryEditor';
import { QueryEditorHelp } from './editor/QueryEditorHelp';
import type { FlowsDataSourceOptions, FlowsQuery } from './types';

/** Annotations and query variables are wired in the datasource instance (Grafana's current way). */
export const plugin = new DataSourcePlugin<FlowsDataSource, FlowsQuery, FlowsDataSourceOptions>(FlowsDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor)
  .setQueryEditorHelp(QueryEditorHelp);
