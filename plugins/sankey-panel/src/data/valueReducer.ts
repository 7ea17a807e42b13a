import type { ValueReducer } from '../types';

/**
 * Running totals for one source → … → target path, so every reducer is one pass over the samples
 * and nothing keeps the samples themselves.
 */
export interface ValueAccumulator {
  sum: number;
  count: number;
  max: number;
  last: number;
  lastTime: number;
}

export function newAccumulator(): ValueAccumulator {
  return { sum: 0, count: 0, max: -Infinity, last: 0, lastTime: -Infinity };
}

/** `time` is the sample's timestamp when the frame has one, otherwise its row number. */
export function addSample(accumulator: ValueAccumulator, value: number, time: number): void {
  accumulator.sum += value;
  accumulator.count += 1;
  if (value > accumulator.max) {
    accumulator.max = value;
  }
  // ">=": among samples with the same time, the later row wins, as Grafana's "Last" does.
  if (time >= accumulator.lastTime) {
    accumulator.last = value;
    accumulator.lastTime = time;
  }
}

export function reduceAccumulator(accumulator: ValueAccumulator, reducer: ValueReducer): number {
  if (accumulator.count === 0) {
    return 0;
  }
  switch (reducer) {
    case 'mean':
      return accumulator.sum / accumulator.count;
    case 'max':
      return accumulator.max;
    case 'last':
      return accumulator.last;
    case 'sum':
    default:
      return accumulator.sum;
  }
}
