import { ByteWriter } from './encoding/byteWriter.ts';
import type { FlowRecordCursor } from './record.ts';
import type { FlowBatch, FlowSink } from './sinks/sink.ts';

export interface BatcherOptions {
  batchRows: number;
  /** Identifies the run in batch tokens: the same for the same backfill options. */
  runKey: string;
  clusterUUID: string;
}

/**
 * Encodes records into batches and hands each to the sink while the next one fills. Two buffers
 * take turns, so a batch's memory stays untouched until the sink is done with it.
 */
export class Batcher {
  rows = 0;
  batches = 0;
  firstTimeInserted: number | undefined;
  lastTimeInserted: number | undefined;
  private writer: ByteWriter;
  private spare: ByteWriter;
  private batchRows = 0;
  private batchFirst = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly sink: FlowSink,
    private readonly options: BatcherOptions
  ) {
    // Sized for a whole batch up front: growing a buffer means copying it and touching fresh pages.
    const initialBytes = Math.min(options.batchRows * 600, 256 * 1024 * 1024);
    this.writer = new ByteWriter(initialBytes);
    this.spare = new ByteWriter(initialBytes);
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  add(record: FlowRecordCursor): void {
    this.sink.encoder.write(record, this.writer);
    const timeInserted = record.timeInserted;
    if (this.batchRows === 0) {
      this.batchFirst = timeInserted;
    }
    this.lastTimeInserted = timeInserted;
    this.batchRows++;
    this.rows++;
  }

  /**
   * Whether the batch must end before the records of this second join it: when it is full, or the
   * second starts a new hour. Batches of whole seconds within one hour are stored by ClickHouse as
   * one part, entirely or not at all, which the loader's duplicate guard relies on.
   */
  endsBefore(second: number): boolean {
    return (
      this.batchRows > 0 &&
      (this.batchRows >= this.options.batchRows || Math.floor(second / 3600) !== Math.floor(this.batchFirst / 3600))
    );
  }

  /** Hands the batch so far to the sink, once the previous one is written. */
  async flush(): Promise<void> {
    await this.inFlight;
    if (this.failure !== undefined || this.batchRows === 0) {
      return;
    }
    const sequence = this.batches++;
    const batch: FlowBatch = {
      sequence,
      bytes: this.writer.view(),
      rows: this.batchRows,
      firstTimeInserted: this.batchFirst,
      lastTimeInserted: this.lastTimeInserted as number,
      clusterUUID: this.options.clusterUUID,
      token: `${this.options.runKey}-${sequence}`,
    };
    this.firstTimeInserted ??= this.batchFirst;
    this.inFlight = this.sink.write(batch).then(
      () => undefined,
      (error: unknown) => {
        this.failure = error;
      }
    );
    [this.writer, this.spare] = [this.spare, this.writer];
    this.writer.reset();
    this.batchRows = 0;
  }

  /** Writes what is left and waits for the sink; throws the first failure of any batch. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
    if (this.failure !== undefined) {
      throw this.failure;
    }
  }
}
