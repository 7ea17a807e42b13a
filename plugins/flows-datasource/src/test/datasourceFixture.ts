import type { DataSourceInstanceSettings, DataSourcePluginMeta } from '@grafana/data';
import { FlowsDataSource } from '../datasource';
import type { FlowsDataSourceOptions } from '../types';

/** A datasource instance as Grafana builds it from saved settings. */
export function flowsDataSource(jsonData: FlowsDataSourceOptions = { engine: 'clickhouse' }): FlowsDataSource {
  const settings: DataSourceInstanceSettings<FlowsDataSourceOptions> = {
    id: 7,
    uid: 'flows-uid',
    type: 'flowlens-flows-datasource',
    name: 'FlowLens',
    access: 'proxy',
    readOnly: false,
    jsonData,
    meta: { id: 'flowlens-flows-datasource', info: { version: '0.1.0' } } as unknown as DataSourcePluginMeta,
  };
  return new FlowsDataSource(settings);
}
