import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { readState, writeState, type BufferState, type Position } from './bufferState.ts';
import {
  DamagedFrameError,
  decodeFrame,
  encodedLength,
  encodeFrame,
  frameOverheadBytes,
  payloadLengthOf,
  type Frame,
} from './frames.ts';

export interface DiskBufferOptions {
  dir: string;
  /** Stop taking more once this many bytes wait to be sent; default 1 GiB. */
  maxBytes?: number;
  /** Start a new segment file past this size; default 64 MiB. */
  segmentBytes?: number;
  log: (line: string) => void;
}

export interface StoredFrame {
  frame: Frame;
  position: Position;
  next: Position;
  /** The frame's identity for insert deduplication: the same after a restart. */
  token: string;
  bytes: number;
}

const segmentName = (segment: number) => `${String(segment).padStart(12, '0')}.seg`;

/**
 * The bounded on-disk buffer between the inputs and ClickHouse: append-only segment files of
 * checksummed frames, read in order by one shipper, and state.json saying how far ClickHouse has
 * confirmed. Appends resolve once the data is on disk (fdatasync), so an HTTP client is answered
 * only for records that survive a crash. Emits 'space' when it drops below its bound again.
 */
export class DiskBuffer extends EventEmitter {
  /** Bytes of frames not yet confirmed by ClickHouse. */
  usedBytes = 0;
  pendingFrames = 0;
  pendingRows = 0;
  /** Bytes skipped because a segment was damaged (never a torn tail, which was never acknowledged). */
  damagedBytes = 0;
  readonly maxBytes: number;
  private readonly segmentBytes: number;
  private readonly sizes = new Map<number, number>();
  private writeSegment: number;
  private writer: FileHandle | undefined;
  private appending: Promise<void> = Promise.resolve();
  private readPosition: Position;
  private waiting: (() => void) | undefined;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private state: BufferState,
    options: DiskBufferOptions
  ) {
    super();
    this.maxBytes = options.maxBytes ?? 1024 ** 3;
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 ** 2;
    this.writeSegment = state.committed.segment;
    this.readPosition = { ...state.committed };
  }

  static async open(options: DiskBufferOptions): Promise<DiskBuffer> {
    const segmentsDir = join(options.dir, 'segments');
    mkdirSync(segmentsDir, { recursive: true });
    const state = readState(options.dir);
    const buffer = new DiskBuffer(options.dir, state, options);
    await buffer.recover(segmentsDir, options.log);
    await writeState(options.dir, state);
    return buffer;
  }

  get bufferId(): string {
    return this.state.bufferId;
  }

  /** The latest timeInserted in the buffer or confirmed before: new batches start after it. */
  get lastTimeInserted(): number {
    return this.state.lastTimeInserted;
  }

  isFull(): boolean {
    return this.usedBytes >= this.maxBytes;
  }

  /** Writes frames after all earlier ones; resolves once they are on disk. */
  append(frames: Frame[]): Promise<void> {
    const run = this.appending.then(() => this.write(frames));
    this.appending = run.catch(() => undefined);
    return run;
  }

  /** The next frame after the last one returned, waiting for one to be appended. Undefined once closed. */
  async next(): Promise<StoredFrame | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const position = this.readPosition;
      const size = this.sizes.get(position.segment) ?? 0;
      if (position.offset < size) {
        const stored = await this.readAt(position);
        this.readPosition = stored.next;
        return stored;
      }
      const later = [...this.sizes.keys()].filter((segment) => segment > position.segment).sort((a, b) => a - b)[0];
      if (later !== undefined) {
        this.readPosition = { segment: later, offset: 0 };
        continue;
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  /** Records that ClickHouse has the frame; segments wholly before it are deleted. */
  async commit(stored: StoredFrame): Promise<void> {
    this.state = {
      ...this.state,
      committed: stored.next,
      lastTimeInserted:
        stored.frame.kind === 'flows'
          ? Math.max(this.state.lastTimeInserted, stored.frame.lastTimeInserted)
          : this.state.lastTimeInserted,
    };
    await writeState(this.dir, this.state);
    const wasFull = this.isFull();
    this.usedBytes -= stored.bytes;
    this.pendingFrames--;
    this.pendingRows -= stored.frame.rows;
    for (const segment of [...this.sizes.keys()]) {
      if (segment < stored.next.segment) {
        this.sizes.delete(segment);
        await rm(join(this.dir, 'segments', segmentName(segment)), { force: true });
      }
    }
    if (wasFull && !this.isFull()) this.emit('space');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting?.();
    await this.appending;
    await this.writer?.close();
    this.writer = undefined;
  }

  private async write(frames: Frame[]): Promise<void> {
    if (frames.length === 0) return;
    if (this.closed) throw new Error('the buffer is closed');
    const pieces = frames.flatMap(encodeFrame);
    const length = encodedLength(pieces);
    const size = this.sizes.get(this.writeSegment) ?? 0;
    if (size > 0 && size + length > this.segmentBytes) {
      await this.writer?.close();
      this.writer = undefined;
      this.writeSegment++;
    }
    this.writer ??= await open(join(this.dir, 'segments', segmentName(this.writeSegment)), 'a');
    await writeAll(this.writer, pieces);
    await this.writer.datasync();
    this.sizes.set(this.writeSegment, (this.sizes.get(this.writeSegment) ?? 0) + length);
    const wasFull = this.isFull();
    this.usedBytes += length;
    this.pendingFrames += frames.length;
    for (const frame of frames) {
      this.pendingRows += frame.rows;
      if (frame.kind === 'flows')
        this.state.lastTimeInserted = Math.max(this.state.lastTimeInserted, frame.lastTimeInserted);
    }
    if (!wasFull && this.isFull()) this.emit('full');
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private async readAt(position: Position): Promise<StoredFrame> {
    const handle = await open(join(this.dir, 'segments', segmentName(position.segment)), 'r');
    try {
      const prefix = Buffer.alloc(frameOverheadBytes);
      await handle.read(prefix, 0, frameOverheadBytes, position.offset);
      const length = payloadLengthOf(prefix) as number;
      const payload = Buffer.alloc(length);
      await handle.read(payload, 0, length, position.offset + frameOverheadBytes);
      const bytes = frameOverheadBytes + length;
      return {
        frame: decodeFrame(prefix, payload),
        position,
        next: { segment: position.segment, offset: position.offset + bytes },
        token: `${this.state.bufferId}-${position.segment}-${position.offset}`,
        bytes,
      };
    } finally {
      await handle.close();
    }
  }

  /**
   * Finds the frames left by an earlier run: every segment from the committed one on is checked
   * frame by frame. A torn frame at the very end (a crash mid-append, never acknowledged) is cut
   * off; a damaged frame elsewhere ends what is read of that segment, loudly.
   */
  private async recover(segmentsDir: string, log: (line: string) => void): Promise<void> {
    const segments = readdirSync(segmentsDir)
      .filter((name) => /^\d{12}\.seg$/.test(name))
      .map((name) => Number(name.slice(0, 12)))
      .sort((a, b) => a - b);
    const committed = this.state.committed;
    for (const segment of segments) {
      const path = join(segmentsDir, segmentName(segment));
      if (segment < committed.segment) {
        await rm(path, { force: true });
        continue;
      }
      const fileSize = statSync(path).size;
      const { goodBytes, frames, rows } = await this.scan(
        path,
        fileSize,
        segment === committed.segment ? committed.offset : 0
      );
      if (goodBytes < fileSize) {
        if (segment === segments[segments.length - 1]) {
          log(
            `flowlens-ingest: cut a torn write of ${fileSize - goodBytes} bytes from the end of ${path} (it was never acknowledged)`
          );
          await truncate(path, goodBytes);
        } else {
          this.damagedBytes += fileSize - goodBytes;
          log(
            `flowlens-ingest: ${path} is damaged after byte ${goodBytes}: ${fileSize - goodBytes} bytes of batches skipped`
          );
        }
      }
      this.sizes.set(segment, goodBytes);
      this.pendingFrames += frames;
      this.pendingRows += rows;
      this.usedBytes += goodBytes - (segment === committed.segment ? committed.offset : 0);
      this.writeSegment = segment;
    }
    if (this.pendingFrames > 0) {
      log(
        `flowlens-ingest: ${this.pendingFrames} batches (${this.pendingRows} rows) from before the restart wait to be sent`
      );
    }
  }

  private async scan(
    path: string,
    fileSize: number,
    from: number
  ): Promise<{ goodBytes: number; frames: number; rows: number }> {
    const handle = await open(path, 'r');
    let offset = 0;
    let frames = 0;
    let rows = 0;
    try {
      while (offset + frameOverheadBytes <= fileSize) {
        const prefix = Buffer.alloc(frameOverheadBytes);
        await handle.read(prefix, 0, frameOverheadBytes, offset);
        const length = payloadLengthOf(prefix);
        if (length === undefined || offset + frameOverheadBytes + length > fileSize) break;
        const payload = Buffer.alloc(length);
        await handle.read(payload, 0, length, offset + frameOverheadBytes);
        let frame: Frame;
        try {
          frame = decodeFrame(prefix, payload);
        } catch (error) {
          if (!(error instanceof DamagedFrameError)) throw error;
          break;
        }
        if (frame.kind === 'flows')
          this.state.lastTimeInserted = Math.max(this.state.lastTimeInserted, frame.lastTimeInserted);
        if (offset >= from) {
          frames++;
          rows += frame.rows;
        }
        offset += frameOverheadBytes + length;
      }
    } finally {
      await handle.close();
    }
    return { goodBytes: offset, frames, rows };
  }
}

/** Writes every piece in order; writev may write less than asked, so the rest is written again. */
async function writeAll(handle: FileHandle, pieces: Buffer[]): Promise<void> {
  let rest = pieces;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    let skip = bytesWritten;
    while (rest.length > 0 && skip >= rest[0]!.length) {
      skip -= rest[0]!.length;
      rest = rest.slice(1);
    }
    if (rest.length > 0 && skip > 0) rest = [rest[0]!.subarray(skip), ...rest.slice(1)];
  }
}
