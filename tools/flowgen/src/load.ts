import { createHash, randomUUID } from 'node:crypto';
import { Batcher } from './batcher.ts';
import {
  resolveBackfill,
  resolveLive,
  type Backfill,
  type GenerateOptions,
  type Live,
  type LiveOptions,
} from './options.ts';
import type { FlowRecordCursor } from './record.ts';
import { expectedRecordsPerSecond, FlowSimulation } from './simulation.ts';
import type { FlowSink } from './sinks/sink.ts';

export interface WriteOptions {
  /** Rows per batch (default: what the sink prefers). Batches also end at each hour of timeInserted. */
  batchRows?: number;
  /** Stops generating; what was generated is still written out. */
  signal?: AbortSignal;
}

export interface WriteResult {
  rows: number;
  batches: number;
  /** timeInserted of the first and last row (unix seconds); undefined when no row was written. */
  firstTimeInserted: number | undefined;
  lastTimeInserted: number | undefined;
  seconds: number;
}

// Bumped whenever the model changes what a seed generates, so dedup tokens of older runs never match.
const modelVersion = 2;
// Yield to the event loop this often, so sockets keep sending the previous batch while we generate.
const rowsBetweenYields = 4096;

/** Generates a time range or a count of records (a backfill) into the sink, batch by batch. */
export async function writeFlows(sink: FlowSink, options: GenerateOptions & WriteOptions): Promise<WriteResult> {
  const backfill = resolveBackfill(options);
  return run(sink, backfill, options);
}

/** Generates records for the current second, every second, until the signal aborts or `count` is reached. */
export async function writeLiveFlows(sink: FlowSink, options: LiveOptions & WriteOptions): Promise<WriteResult> {
  return run(sink, resolveLive(options), options);
}

async function run(sink: FlowSink, plan: Backfill | Live, options: WriteOptions): Promise<WriteResult> {
  const started = performance.now();
  const batchRows = options.batchRows ?? sink.preferredBatchRows;
  if (!Number.isSafeInteger(batchRows) || batchRows <= 0) {
    throw new Error(`batchRows: ${batchRows} is not a positive whole number`);
  }
  const signal = options.signal;
  const live = plan.kind === 'live';
  const start = live ? plan.start : plan.from;
  const exportIntervalSeconds = plan.exportIntervalSeconds;
  const scale = live ? plan.rate / expectedRecordsPerSecond(plan.seed, start, exportIntervalSeconds) : plan.scale;
  const conversations = live ? undefined : plan.conversations;
  const simulation = new FlowSimulation({ seed: plan.seed, start, scale, exportIntervalSeconds, conversations });
  const to = live ? undefined : plan.to;
  const limit = plan.count ?? Number.POSITIVE_INFINITY;
  const runKey = live ? randomUUID() : backfillKey(plan, batchRows);

  const batcher = new Batcher(sink, { batchRows, runKey, clusterUUID: simulation.cluster.uuid });
  const onRecord = (record: FlowRecordCursor): boolean => {
    batcher.add(record);
    return batcher.rows < limit;
  };

  let rowsAtLastYield = 0;
  while (!batcher.failed && !signal?.aborted) {
    const second = simulation.second;
    if (to !== undefined && second >= to) {
      break;
    }
    if (live && second * 1000 > Date.now()) {
      await batcher.flush();
      await sleepUntil(second * 1000, signal);
      continue;
    }
    if (batcher.endsBefore(second)) {
      await batcher.flush();
    }
    if (!simulation.step(onRecord)) {
      break;
    }
    if (batcher.rows - rowsAtLastYield >= rowsBetweenYields) {
      rowsAtLastYield = batcher.rows;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await batcher.finish();
  return {
    rows: batcher.rows,
    batches: batcher.batches,
    firstTimeInserted: batcher.firstTimeInserted,
    lastTimeInserted: batcher.lastTimeInserted,
    seconds: (performance.now() - started) / 1000,
  };
}

function backfillKey(plan: Backfill, batchRows: number): string {
  const identity = JSON.stringify({ modelVersion, ...plan, batchRows });
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

async function sleepUntil(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  const delay = milliseconds - Date.now();
  if (delay <= 0 || signal?.aborted) {
    return;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, delay);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
