import type { Filter } from '../sql/conditions.ts';
import type { Rollup } from '../sql/rollup.ts';
import { minuteSeconds, splitTimeRange } from '../sql/rollupRange.ts';
import type { DetectOptions } from './detectOptions.ts';
import type { RollupSource } from './windowedValuesSql.ts';

/** The rollup columns each endpoint reads beyond those every rollup has: pod labels came on 2026-12-07. */
const endpointColumns: Partial<Record<DetectOptions['endpoint'], readonly string[]>> = {
  podLabels: ['sourcePodLabels', 'destinationPodLabels'],
};

/**
 * Whether denied flows per endpoint and window can come from a rollup, with exactly the counts the raw
 * records give: the rollup keeps each minute's records per endpoint column and rule action, and a
 * window of whole minutes is a sum of its minutes. Not for throughput (its windows are judged by the
 * records that reach into the range, not whole minutes), a window that is not whole minutes, pod
 * labels from a rollup made before it kept them, or an ad-hoc filter on a column the rollup lacks.
 */
export function rollupWindows(
  options: DetectOptions,
  adHocFilters: readonly Filter[],
  rollups: readonly Rollup[],
  range: { fromMs: number; toMs: number }
): RollupSource | undefined {
  if (options.metric !== 'deniedFlows') return undefined;
  if (options.windowSeconds % minuteSeconds !== 0) return undefined;
  const needed = [...(endpointColumns[options.endpoint] ?? []), ...adHocFilters.map((filter) => filter.key)];
  const rollup = rollups.find((candidate) => needed.every((column) => candidate.columns.has(column)));
  if (!rollup) return undefined;
  const { minutes, edges } = splitTimeRange(range, rollup.coveredFromSeconds);
  return minutes.to > minutes.from ? { table: rollup.table, minutes, edges } : undefined;
}
