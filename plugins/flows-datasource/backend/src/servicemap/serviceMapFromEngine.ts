import type { FlowsEngine } from '../engines/engine.ts';
import type { Frame, FrameNotice } from '../frames/frame.ts';
import type { TimeRange } from '../timeRange.ts';
import type { Filter } from '../sql/conditions.ts';
import { defaultExportIntervalSeconds } from '../sql/flowRates.ts';
import { expandMacros } from '../sql/macroExpander.ts';
import { flowGroups } from './flowGroups.ts';
import { foldSmallNodes, type Folding } from './folding.ts';
import { nodeGraphFrames } from './nodeGraphFrames.ts';
import { serviceGraph } from './serviceGraph.ts';
import type { ServiceMapOptions } from './serviceMapOptions.ts';
import { serviceMapSql } from './serviceMapSql.ts';
import { rolledUpServiceMapSql, serviceMapRollup } from './rolledUpServiceMapSql.ts';
import type { Rollup } from '../sql/rollup.ts';

export interface ServiceMapRequest {
  refId: string;
  timeRange: TimeRange;
  adHocFilters: Filter[];
  exportIntervalSeconds?: number;
  timeoutMs: number;
  rowLimit: number;
  signal: AbortSignal;
  /** Wraps the database call (the datasource's concurrency limit). */
  run?: <T>(query: () => Promise<T>) => Promise<T>;
  onSql?: (sql: string) => void;
  /** Rollups the map may be read from (ClickHouse's per-minute views; none: the raw flows). */
  rollups?: readonly Rollup[];
}

/** A service map from a database: the grouping SQL, the graph of its rows, folding, node graph frames. */
export async function serviceMapFromEngine(
  engine: FlowsEngine,
  options: ServiceMapOptions,
  request: ServiceMapRequest
): Promise<Frame[]> {
  const source = serviceMapRollup(request.rollups ?? [], options, request.adHocFilters, request);
  const unexpanded = source
    ? rolledUpServiceMapSql(source, options, engine.dialect, request.adHocFilters)
    : serviceMapSql(options, engine.dialect, request.adHocFilters);
  const sql = expandMacros(unexpanded, engine.dialect, {
    timeRange: request.timeRange,
    // The query buckets nothing; the export interval still sets how far past the range records are read.
    intervalMs: (request.exportIntervalSeconds ?? defaultExportIntervalSeconds) * 1000,
    exportIntervalSeconds: request.exportIntervalSeconds,
  });
  request.onSql?.(sql);
  const query = () =>
    engine.query(sql, { timeoutMs: request.timeoutMs, rowLimit: request.rowLimit, signal: request.signal });
  const result = await (request.run ? request.run(query) : query());
  const graph = serviceGraph(flowGroups(result), options.groupBy, options.services);
  const { graph: shown, folding } = foldSmallNodes(graph, options.maxNodes, options.foldBy);

  const notices: FrameNotice[] = [];
  if (result.truncated) {
    notices.push({
      severity: 'warning',
      text: `The map is drawn from the ${request.rowLimit.toLocaleString('en-US')} busiest groups of flows only: the rest were left out. Narrow the namespaces or the time range, or raise the datasource's row limit.`,
    });
  }
  if (graph.nodes.size === 0) {
    notices.push({
      severity: 'info',
      text: 'No flows in the time range match this query, so the map is empty. Widen the time range or the namespaces, or check the ad-hoc filters.',
    });
  }
  if (folding) notices.push({ severity: 'info', text: foldingText(folding, options) });
  return nodeGraphFrames({
    refId: request.refId,
    graph: shown,
    sql,
    notices,
    custom: folding ? { folding } : undefined,
  });
}

function foldingText(folding: Folding, options: ServiceMapOptions): string {
  const into =
    folding.otherNodes === 1
      ? 'one "Other" node'
      : `${folding.otherNodes} "Other" nodes (by namespace; external IPs together)`;
  const fallback = folding.fellBackToAll
    ? ' One "Other" node per namespace would have been more nodes than that, so they share one.'
    : '';
  return `Showing ${(folding.before - folding.folded).toLocaleString('en-US')} of ${folding.before.toLocaleString('en-US')} nodes: the ${folding.folded.toLocaleString('en-US')} with the least traffic are folded into ${into}, to stay within ${options.maxNodes} nodes.${fallback}`;
}
