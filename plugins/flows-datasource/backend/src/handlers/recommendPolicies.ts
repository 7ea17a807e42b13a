import type { Frame, FrameNotice } from '../frames/frame.ts';
import { connectionKinds, observedConnectionsSql } from '../recommend/observedConnections.ts';
import { recommend } from '../recommend/recommendation.ts';
import { recommendationFrames } from '../recommend/recommendationFrames.ts';
import type { RecommendOptions } from '../recommend/recommendOptions.ts';
import type { Filter } from '../sql/conditions.ts';
import { expandMacros } from '../sql/macroExpander.ts';
import type { DatasourceInstance } from './datasourceInstances.ts';
import type { DataQuery } from './types.ts';

/**
 * The `recommendPolicies` query type: connection kinds counted in the database, policies built and
 * replayed in the backend. Returns the SQL it ran, for the query inspector, with the frames.
 */
export async function answerRecommendPolicies(
  query: Pick<DataQuery, 'refId' | 'timeRange' | 'intervalMs'>,
  options: RecommendOptions,
  adHocFilters: Filter[],
  instance: DatasourceInstance,
  signal: AbortSignal,
  onSql: (sql: string) => void
): Promise<Frame[]> {
  const dialect = instance.engine.dialect;
  const sql = expandMacros(observedConnectionsSql(options, dialect, adHocFilters), dialect, {
    timeRange: query.timeRange,
    intervalMs: query.intervalMs,
  });
  onSql(sql);
  const result = await instance.limit.run(signal, () =>
    instance.engine.query(sql, {
      timeoutMs: instance.settings.queryTimeoutSeconds * 1000,
      rowLimit: options.flowLimit,
      signal,
    })
  );
  const recommendation = recommend(connectionKinds(result), options);
  const notices: FrameNotice[] = recommendation.notes.map((text) => ({ severity: 'info', text }));
  if (result.truncated) {
    notices.unshift({
      severity: 'warning',
      text: `Only the ${options.flowLimit.toLocaleString('en-US')} busiest kinds of connection were read: the policies leave the rest out. Raise the flow limit or narrow the namespaces.`,
    });
  }
  if (recommendation.unallowedConnections > 0) {
    notices.unshift({
      severity: 'error',
      text: recommendation.notes.find((note) => note.includes('would not be allowed'))!,
    });
  }
  return recommendationFrames(query.refId, recommendation, sql, notices);
}
