import {
  ByteWriter,
  fillCursor,
  FlowRecordCursor,
  RouteInterner,
  RowBinaryEncoder,
  TabSeparatedEncoder,
  type FlowEncoder,
} from '@flowlens/flowgen';
import type { FlowRecord } from '../flowlensFacts.ts';
import type { Frame } from '../buffer/frames.ts';

export type WireFormat = 'RowBinary' | 'TabSeparated';

interface OpenFrame {
  writer: ByteWriter;
  // One encoder per frame: it caches route bytes per route object, and the interner may start afresh.
  encoder: FlowEncoder;
  rows: number;
  clusterUUID: string;
}

/**
 * Cuts accepted records into frames: each record gets timeInserted, the second it was accepted
 * (never earlier than a second already used, even across restarts), and a frame holds whole
 * seconds of one cluster. ClickHouse stores such a batch as one part, and on servers without insert
 * deduplication the shipper can then count a batch's rows to tell whether it landed.
 */
export class FlowFrames {
  private readonly open = new Map<string, OpenFrame>();
  private readonly cursor = new FlowRecordCursor();
  private readonly routes = new RouteInterner();
  private second = 0;
  private firstSecond = 0;
  /** No record may get an earlier second: one past the last sealed (or used before a restart). */
  private floor: number;
  pendingRows = 0;

  constructor(
    private readonly format: WireFormat,
    lastUsedSecond: number,
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000)
  ) {
    this.floor = lastUsedSecond + 1;
  }

  private now(): number {
    return Math.max(this.clock(), this.floor);
  }

  /** Whether the open frames hold only seconds that have ended, so sealing them now is safe. */
  hasEndedSeconds(): boolean {
    return this.pendingRows > 0 && this.clock() > this.second;
  }

  /**
   * Adds a record; returns the frames sealed first when a new second began (to append before the
   * record's own frame).
   */
  add(record: FlowRecord): Frame[] {
    const now = this.now();
    const sealed = now > this.second && this.pendingRows > 0 ? this.seal() : [];
    if (this.pendingRows === 0) this.firstSecond = now;
    this.second = now;
    this.floor = now;
    record.timeInserted = now;
    let frame = this.open.get(record.clusterUUID);
    if (!frame) {
      frame = {
        writer: new ByteWriter(64 * 1024),
        encoder: this.format === 'RowBinary' ? new RowBinaryEncoder() : new TabSeparatedEncoder(),
        rows: 0,
        clusterUUID: record.clusterUUID,
      };
      this.open.set(record.clusterUUID, frame);
    }
    fillCursor(this.cursor, record, this.routes);
    frame.encoder.write(this.cursor, frame.writer);
    frame.rows++;
    this.pendingRows++;
    return sealed;
  }

  /** Every open frame, closed: one per cluster. */
  seal(): Frame[] {
    const frames: Frame[] = [];
    for (const frame of this.open.values()) {
      frames.push({
        kind: 'flows',
        format: this.format,
        rows: frame.rows,
        firstTimeInserted: this.firstSecond,
        lastTimeInserted: this.second,
        clusterUUID: frame.clusterUUID,
        // The writer is dropped with the open frame, so its bytes need no copy.
        body: frame.writer.view(),
      });
    }
    this.open.clear();
    if (this.pendingRows > 0) this.floor = this.second + 1;
    this.pendingRows = 0;
    return frames;
  }
}
