import { EventEmitter } from 'node:events';
import { policyEventsTabSeparated } from '@flowlens/flowgen';
import type { DiskBuffer } from '../buffer/diskBuffer.ts';
import type { Frame } from '../buffer/frames.ts';
import type { PolicyEvent } from '../flowlensFacts.ts';
import { parseLine, parseValue, type ParseContext } from '../formats/parseLine.ts';
import type { LineOutcome } from '../formats/outcome.ts';
import { PacketbeatFlowTotals } from '../formats/packetbeatFlowTotals.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { FlowFrames } from './flowFrames.ts';
import type { ParseJob, ParsedBatch } from './parseBatch.ts';
import type { ParserPool } from './parserPool.ts';
import type { Rejections } from './rejections.ts';

export type InputName = 'tcp' | 'http';

/** What an HTTP request's lines came to: its answer. */
export interface LineTally {
  accepted: number;
  rejected: number;
  /** The first few rejections: item number (1-based) and why. */
  firstRejections: Array<{ line: number; reason: string; detail: string }>;
}

/** A request's tally while its jobs are applied. */
export interface RequestTally extends LineTally {
  /** Lines of the body in the jobs applied so far: the next job's lines are numbered after them. */
  lines: number;
  /** A body that starts like a JSON array but is not one: why. */
  notAnArray?: string;
}

interface Submitted {
  input: InputName;
  job: ParseJob;
  tally: RequestTally | undefined;
  batch?: ParsedBatch;
  failed?: Error;
  done: () => void;
}

/**
 * From accepted bytes to the buffer. Each job (whole lines from a connection, a request body or
 * part of it) gets its second and goes to a parser thread; results are applied in the order the
 * jobs were accepted: counted, their encoded rows added to the open frames. Frames are sealed as
 * seconds end (a timer checks ten times a second) and appended to the buffer. `durable()`
 * resolves once everything applied so far is on disk.
 */
export class IngestPipeline extends EventEmitter {
  private readonly frames: FlowFrames;
  private readonly packetbeatTotals = new PacketbeatFlowTotals();
  private readonly queue: Submitted[] = [];
  /** Bytes of jobs submitted and not yet applied. */
  private queuedBytes = 0;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private readonly timer: NodeJS.Timeout;
  private lastAppend: Promise<void> = Promise.resolve();
  private threadFailureLogged = false;

  constructor(
    private readonly buffer: DiskBuffer,
    private readonly parsers: ParserPool,
    private readonly metrics: IngestMetrics,
    private readonly rejections: Rejections,
    private readonly log: (line: string) => void,
    frames: FlowFrames,
    /** Records held in memory before their second ends; inputs wait beyond it. */
    readonly maxOpenRows: number,
    /** Bytes waiting for a parser thread; inputs wait beyond it. */
    readonly maxQueuedBytes: number
  ) {
    super();
    this.frames = frames;
    this.timer = setInterval(() => {
      if (this.frames.hasEndedSecond() && this.openSecondComplete()) this.sealAndAppend();
      else if (this.frames.pendingRows === 0) this.settleWaiters();
    }, 100);
    this.timer.unref();
  }

  /** Too much waits for a parser thread or for its second to end: inputs pause until 'room'. */
  isCrowded(): boolean {
    return this.frames.pendingRows >= this.maxOpenRows || this.queuedBytes >= this.maxQueuedBytes;
  }

  context(clusterUUID: string): ParseContext {
    return { clusterUUID, packetbeatTotals: this.packetbeatTotals };
  }

  /** Bytes an input accepted now; resolves once they are parsed and counted (not yet on disk). */
  submit(input: InputName, job: Omit<ParseJob, 'second'>, tally?: RequestTally): Promise<void> {
    const stamped: ParseJob = { ...job, second: this.frames.stamp() };
    return new Promise((resolve) => {
      const submitted: Submitted = { input, job: stamped, tally, done: resolve };
      this.queue.push(submitted);
      this.queuedBytes += job.bytes.length;
      this.parsers.run(stamped).then(
        (batch) => {
          submitted.batch = batch;
          this.applyReady();
        },
        (error: unknown) => {
          submitted.failed = error as Error;
          this.applyReady();
        }
      );
    });
  }

  /** A line that never became text: longer than the limit before its end arrived. */
  rejectLine(input: InputName, reason: 'line-too-long', detail: string, start: string): void {
    this.rejections.record(input, reason, detail, start);
  }

  /** Policy changes go to the buffer as they are, one frame per webhook request. */
  async appendPolicyEvents(events: readonly PolicyEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.appendFrames([
      { kind: 'policy-events', rows: events.length, body: Buffer.from(policyEventsTabSeparated(events)) },
    ]);
  }

  /** Resolves once every record applied before the call is on disk (within about a second). */
  durable(): Promise<void> {
    if (this.frames.pendingRows === 0) return this.lastAppend;
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Waits for the jobs submitted, seals what is open and waits for it to be on disk: at shutdown. */
  async flush(): Promise<void> {
    clearInterval(this.timer);
    while (this.queue.length > 0) await new Promise((resolve) => this.once('applied', resolve));
    this.sealAndAppend();
    await this.lastAppend;
  }

  /** No job still queued may add rows to the open second. */
  private openSecondComplete(): boolean {
    return this.queue.length === 0 || this.queue[0]!.job.second > this.frames.second;
  }

  private applyReady(): void {
    while (this.queue.length > 0 && (this.queue[0]!.batch || this.queue[0]!.failed)) {
      const submitted = this.queue.shift()!;
      this.queuedBytes -= submitted.job.bytes.length;
      this.apply(submitted);
      submitted.done();
    }
    this.emit('applied');
  }

  private apply(submitted: Submitted): void {
    const { input, job, tally } = submitted;
    let batch = submitted.batch;
    if (!batch) {
      if (!this.threadFailureLogged) {
        this.threadFailureLogged = true;
        this.log(`flowlens-ingest: ${submitted.failed?.message}; such jobs are parsed on the main thread`);
      }
      batch = this.parsers.inline(job);
    }
    const firstLine = tally?.lines ?? 0;
    if (tally) tally.lines += batch.lines;
    if (batch.notAnArray !== undefined && tally) tally.notAnArray = batch.notAnArray;

    for (const [format, count] of Object.entries(batch.accepted)) {
      this.metrics.accepted.inc({ input, format }, count);
      if (tally) tally.accepted += count;
    }
    for (const rows of batch.encoded) {
      this.appendSealed(this.frames.add(job.second, rows.clusterUUID, rows.rows, rows.bytes));
    }
    // Samples and lines parsed here, in line order: the tally's first rejections come first.
    const samples = batch.samples;
    const sampled = new Map<string, number>();
    let next = 0;
    const tellSamplesBefore = (line: number) => {
      for (; next < samples.length && samples[next]!.line < line; next++) {
        const sample = samples[next]!;
        sampled.set(sample.reason, (sampled.get(sample.reason) ?? 0) + 1);
        this.reject(input, sample.reason, sample.detail, sample.start, tally, firstLine + sample.line);
      }
    };
    for (const ordered of batch.ordered) {
      tellSamplesBefore(ordered.line);
      const outcome = ordered.element
        ? parseValue(JSON.parse(ordered.text), this.context(job.clusterUUID))
        : parseLine(ordered.text, this.context(job.clusterUUID));
      this.take(input, job.second, outcome, ordered.element ? '' : ordered.text, tally, firstLine + ordered.line);
    }
    tellSamplesBefore(Infinity);
    // The rest of each reason: counted, not told.
    for (const [reason, count] of Object.entries(batch.rejected)) {
      const untold = count - (sampled.get(reason) ?? 0);
      if (untold === 0) continue;
      this.rejections.count(input, reason, untold);
      if (tally) tally.rejected += untold;
    }
  }

  private take(
    input: InputName,
    second: number,
    outcome: LineOutcome,
    text: string,
    tally: RequestTally | undefined,
    line: number
  ): void {
    if (outcome.kind === 'flow') {
      this.metrics.accepted.inc({ input, format: outcome.format });
      this.appendSealed(this.frames.addRecord(second, outcome.record));
      if (tally) tally.accepted++;
      return;
    }
    this.reject(input, outcome.reason, outcome.detail, text, tally, line);
  }

  private reject(
    input: InputName,
    reason: string,
    detail: string,
    start: string,
    tally: RequestTally | undefined,
    line: number
  ): void {
    this.rejections.record(input, reason, detail, start || detail);
    if (!tally) return;
    tally.rejected++;
    if (tally.firstRejections.length < 10) tally.firstRejections.push({ line, reason, detail });
  }

  private appendSealed(sealed: Frame[]): void {
    if (sealed.length === 0) return;
    this.appendFrames(sealed);
    this.settleWaiters();
    this.emit('sealed');
  }

  private sealAndAppend(): void {
    this.appendFrames(this.frames.seal());
    this.settleWaiters();
    this.emit('sealed');
  }

  private appendFrames(frames: Frame[]): Promise<void> {
    const append = this.buffer.append(frames);
    this.lastAppend = append;
    // HTTP clients waiting on durable() get the error; TCP senders have no answer, so it is logged.
    append.catch((error: unknown) => {
      const rows = frames.reduce((sum, frame) => sum + frame.rows, 0);
      this.log(`flowlens-ingest: could not write ${rows} rows to the buffer: ${(error as Error).message}`);
    });
    return append;
  }

  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    this.lastAppend.then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error))
    );
  }
}
