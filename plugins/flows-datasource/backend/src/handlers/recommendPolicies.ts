import type { Frame } from '../frames/frame.ts';
import { recommendFromEngine } from '../recommend/recommendFromEngine.ts';
import { recommendationFrames } from '../recommend/recommendationFrames.ts';
import type { RecommendOptions } from '../recommend/recommendOptions.ts';
import type { Filter } from '../sql/conditions.ts';
import type { DatasourceInstance } from './datasourceInstances.ts';
import type { DataQuery } from './types.ts';
import { usableRollups } from './usableRollups.ts';

/** The `recommendPolicies` query type: a recommendation from the datasource's database, as frames. */
export async function answerRecommendPolicies(
  query: Pick<DataQuery, 'refId' | 'timeRange'>,
  options: RecommendOptions,
  adHocFilters: Filter[],
  instance: DatasourceInstance,
  signal: AbortSignal,
  onSql: (sql: string) => void
): Promise<Frame[]> {
  const rollups = await usableRollups(instance);
  const { recommendation, sql, notices } = await recommendFromEngine(instance.engine, options, {
    rollups,
    timeRange: query.timeRange,
    adHocFilters,
    timeoutMs: instance.settings.queryTimeoutSeconds * 1000,
    signal,
    run: (run) => instance.limit.run(signal, run),
    onSql,
  });
  return recommendationFrames(query.refId, recommendation, sql, notices);
}
