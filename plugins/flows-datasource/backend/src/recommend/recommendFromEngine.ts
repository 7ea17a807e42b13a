import type { FlowsEngine } from '../engines/engine.ts';
import type { FrameNotice } from '../frames/frame.ts';
import type { TimeRange } from '../timeRange.ts';
import type { Filter } from '../sql/conditions.ts';
import { expandMacros } from '../sql/macroExpander.ts';
import type { Rollup } from '../sql/rollup.ts';
import { connectionKinds, connectionsRollup, observedConnectionsSql } from './observedConnections.ts';
import { recommend, type Recommendation } from './recommendation.ts';
import type { RecommendOptions } from './recommendOptions.ts';

export interface RecommendRun {
  recommendation: Recommendation;
  /** The SQL that counted the connections, for the query inspector and --verbose. */
  sql: string;
  /** What the operator should read beside the policies, most important first. */
  notices: FrameNotice[];
}

/**
 * One recommendation from a database: the one path the datasource's query type and the `flowlens
 * recommend` command share. `run` wraps the database call (the datasource's concurrency limit).
 */
export async function recommendFromEngine(
  engine: FlowsEngine,
  options: RecommendOptions,
  request: {
    timeRange: TimeRange;
    adHocFilters?: Filter[];
    timeoutMs: number;
    signal: AbortSignal;
    run?: <T>(query: () => Promise<T>) => Promise<T>;
    onSql?: (sql: string) => void;
    /** Rollups the connections may be counted from (ClickHouse's per-minute views; none: the raw flows). */
    rollups?: readonly Rollup[];
  }
): Promise<RecommendRun> {
  const adHocFilters = request.adHocFilters ?? [];
  const source = connectionsRollup(request.rollups ?? [], adHocFilters, request.timeRange);
  const sql = expandMacros(observedConnectionsSql(options, engine.dialect, adHocFilters, source), engine.dialect, {
    timeRange: request.timeRange,
    intervalMs: 60_000,
  });
  request.onSql?.(sql);
  const query = () =>
    engine.query(sql, { timeoutMs: request.timeoutMs, rowLimit: options.flowLimit, signal: request.signal });
  const result = await (request.run ? request.run(query) : query());
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
      text: `${recommendation.unallowedConnections} observed connections would not be allowed by these policies: please report this.`,
    });
  }
  return { recommendation, sql, notices };
}
