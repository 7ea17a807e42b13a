import type { Frame } from '../frames/frame.ts';
import { serviceMapFromEngine } from '../servicemap/serviceMapFromEngine.ts';
import type { ServiceMapOptions } from '../servicemap/serviceMapOptions.ts';
import type { Filter } from '../sql/conditions.ts';
import type { DatasourceInstance } from './datasourceInstances.ts';
import type { DataQuery } from './types.ts';
import { usableRollups } from './usableRollups.ts';

/** The `serviceMap` query type: who talks to whom, as the nodes and edges frames of Grafana's node graph. */
export async function answerServiceMap(
  query: Pick<DataQuery, 'refId' | 'timeRange'>,
  options: ServiceMapOptions,
  adHocFilters: Filter[],
  instance: DatasourceInstance,
  signal: AbortSignal,
  onSql: (sql: string) => void
): Promise<Frame[]> {
  const rollups = await usableRollups(instance);
  return serviceMapFromEngine(instance.engine, options, {
    rollups,
    refId: query.refId,
    timeRange: query.timeRange,
    adHocFilters,
    exportIntervalSeconds: instance.settings.exportIntervalSeconds,
    timeoutMs: instance.settings.queryTimeoutSeconds * 1000,
    rowLimit: instance.settings.rowLimit,
    signal,
    run: (run) => instance.limit.run(signal, run),
    onSql,
  });
}
