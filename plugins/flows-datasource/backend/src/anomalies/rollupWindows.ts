import type { Filter } from '../sql/conditions.ts';
import type { Rollup } from '../sql/rollup.ts';
import { minuteSeconds, splitRange } from '../sql/rollupRange.ts';
import type { DetectOptions } from './detectOptions.ts';
import type { RollupSource } from './windowedValuesSql.ts';

/**
 * Whether denied flows per endpoint and window can come from a rollup, with exactly the counts the raw
 * records give: the rollup keeps each minute's records per endpoint column and rule action, and a
 * window of whole minutes is a sum of its minutes. Not for pod labels (rollups made before 2026-12-07
 * keep none, and reading them from one that does is not written yet),
 * throughput (its windows are judged by the records that reach into the range, not whole minutes), a
 * window that is not whole minutes, or an ad-hoc filter on a column the rollup lacks.
 */
export function rollupWindows(
  options: DetectOptions,
  adHocFilters: readonly Filter[],
  rollups: readonly Rollup[],
  range: { fromMs: number; toMs: number }
): RollupSource | undefined {
  if (options.metric !== 'deniedFlows' || options.endpoint === 'podLabels') return undefined;
  if (options.windowSeconds % minuteSeconds !== 0) return undefined;
  const rollup = rollups.find((candidate) => adHocFilters.every((filter) => candidate.columns.has(filter.key)));
  if (!rollup) return undefined;
  const { minutes, edges } = splitRange(
    Math.floor(range.fromMs / 1000),
    Math.floor(range.toMs / 1000),
    rollup.coveredFromSeconds
  );
  return minutes.to > minutes.from ? { table: rollup.table, minutes, edges } : undefined;
}
