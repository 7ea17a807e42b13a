import { EventEmitter } from 'node:events';
import { policyEventsTabSeparated } from '@flowlens/flowgen';
import type { DiskBuffer } from '../buffer/diskBuffer.ts';
import type { Frame } from '../buffer/frames.ts';
import type { PolicyEvent } from '../flowlensFacts.ts';
import { parseLine, parseValue, type ParseContext } from '../formats/parseLine.ts';
import type { LineOutcome } from '../formats/outcome.ts';
import { PacketbeatFlowTotals } from '../formats/packetbeatFlowTotals.ts';
import type { IngestMetrics } from '../metrics.ts';
import { FlowFrames, type WireFormat } from './flowFrames.ts';
import type { Rejections } from './rejections.ts';

export type InputName = 'tcp' | 'http';

export interface LineTally {
  accepted: number;
  rejected: number;
  /** The first few rejections: item number (1-based) and why. */
  firstRejections: Array<{ line: number; reason: string; detail: string }>;
}

/**
 * From lines to the buffer: each line parsed, counted and added to the open frames; frames sealed
 * as seconds end (a timer checks ten times a second) and appended to the buffer. `durable()`
 * resolves once everything accepted so far is on disk.
 */
export class IngestPipeline extends EventEmitter {
  private readonly frames: FlowFrames;
  private readonly packetbeatTotals = new PacketbeatFlowTotals();
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private readonly timer: NodeJS.Timeout;
  private lastAppend: Promise<void> = Promise.resolve();

  constructor(
    private readonly buffer: DiskBuffer,
    private readonly metrics: IngestMetrics,
    private readonly rejections: Rejections,
    private readonly log: (line: string) => void,
    format: WireFormat,
    /** Records held in memory before their second ends; inputs wait beyond it. */
    readonly maxOpenRows: number,
    clock?: () => number
  ) {
    super();
    this.frames = new FlowFrames(format, buffer.lastTimeInserted, clock);
    this.timer = setInterval(() => {
      if (this.frames.hasEndedSeconds()) this.sealAndAppend();
      else if (this.frames.pendingRows === 0) this.settleWaiters();
    }, 100);
    this.timer.unref();
  }

  /** Too many records wait for their second to end: inputs pause until 'sealed'. */
  isCrowded(): boolean {
    return this.frames.pendingRows >= this.maxOpenRows;
  }

  context(clusterUUID: string): ParseContext {
    return { clusterUUID, packetbeatTotals: this.packetbeatTotals };
  }

  /** One line of text from an input. */
  acceptLine(input: InputName, text: string, context: ParseContext, tally?: LineTally, lineNumber = 0): void {
    if (text.trim() === '') return;
    this.take(input, parseLine(text, context), text, tally, lineNumber);
  }

  /** One element of a JSON array body. */
  acceptValue(input: InputName, value: unknown, context: ParseContext, tally?: LineTally, lineNumber = 0): void {
    this.take(input, parseValue(value, context), '', tally, lineNumber);
  }

  /** A line that never became text: longer than the limit. */
  rejectLine(
    input: InputName,
    reason: 'line-too-long',
    detail: string,
    start: string,
    tally?: LineTally,
    lineNumber = 0
  ): void {
    this.take(input, { kind: 'rejected', reason, detail }, start, tally, lineNumber);
  }

  private take(
    input: InputName,
    outcome: LineOutcome,
    text: string,
    tally: LineTally | undefined,
    lineNumber: number
  ): void {
    if (outcome.kind === 'flow') {
      this.metrics.acceptedSinceRead[input][outcome.format]++;
      const sealed = this.frames.add(outcome.record);
      if (sealed.length > 0) {
        this.appendFrames(sealed);
        this.emit('sealed');
      }
      if (tally) tally.accepted++;
      return;
    }
    this.rejections.record(input, outcome.reason, outcome.detail, text || outcome.detail);
    if (tally) {
      tally.rejected++;
      if (tally.firstRejections.length < 10) {
        tally.firstRejections.push({ line: lineNumber, reason: outcome.reason, detail: outcome.detail });
      }
    }
  }

  /** Policy changes go to the buffer as they are, one frame per webhook request. */
  async appendPolicyEvents(events: readonly PolicyEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.appendFrames([
      { kind: 'policy-events', rows: events.length, body: Buffer.from(policyEventsTabSeparated(events)) },
    ]);
  }

  /** Resolves once every record accepted before the call is on disk (within about a second). */
  durable(): Promise<void> {
    if (this.frames.pendingRows === 0) return this.lastAppend;
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Seals what is open and waits for it to be on disk: at shutdown. */
  async flush(): Promise<void> {
    clearInterval(this.timer);
    this.sealAndAppend();
    await this.lastAppend;
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
