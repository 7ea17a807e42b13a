import { resolveBackfill, type GenerateOptions } from './options.ts';
import { toFlowRecord } from './record.ts';
import { FlowSimulation } from './simulation.ts';
import type { FlowRecord } from './columns.ts';

/**
 * The records of a backfill as plain objects, in order, one simulated second at a time. Handy for
 * tests that check what was generated; the loaders are much faster for storing records.
 */
export function* generateFlows(options: GenerateOptions): Generator<FlowRecord> {
  const plan = resolveBackfill(options);
  const simulation = new FlowSimulation({
    seed: plan.seed,
    start: plan.from,
    scale: plan.scale,
    exportIntervalSeconds: plan.exportIntervalSeconds,
    conversations: plan.conversations,
  });
  const limit = plan.count ?? Number.POSITIVE_INFINITY;
  let produced = 0;
  const second: FlowRecord[] = [];
  while (produced < limit && (plan.to === undefined || simulation.second < plan.to)) {
    const more = simulation.step((record) => {
      second.push(toFlowRecord(record));
      produced++;
      return produced < limit;
    });
    yield* second;
    second.length = 0;
    if (!more) {
      return;
    }
  }
}
