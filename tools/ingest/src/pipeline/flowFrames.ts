import { ByteWriter, type RecordEncoder } from '@flowlens/flowgen';
import type { FlowRecord } from '../flowlensFacts.ts';
import type { Frame } from '../buffer/frames.ts';
import type { WireFormat } from './parseBatch.ts';

export type { WireFormat } from './parseBatch.ts';

interface OpenFrame {
  /** Encoded rows as the parser threads sent them; joined once, when the frame is sealed. */
  parts: Uint8Array[];
  bytes: number;
  rows: number;
}

/**
 * Cuts encoded rows into frames. Each job of accepted lines gets a second, its records'
 * timeInserted (`stamp`): never earlier than a second already used, even across restarts or when
 * the clock steps back. A frame holds one second of one cluster: ClickHouse stores such a batch as
 * one part, and on servers without insert deduplication the shipper can then count a batch's rows
 * to tell whether it landed.
 */
export class FlowFrames {
  private readonly open = new Map<string, OpenFrame>();
  /** The second of every open row. */
  second = 0;
  /** No job may get an earlier second: one past the last sealed (or used before a restart). */
  private floor: number;
  private lastStamp = 0;
  pendingRows = 0;

  constructor(
    private readonly format: WireFormat,
    private readonly encoder: RecordEncoder,
    lastUsedSecond: number,
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000)
  ) {
    this.floor = lastUsedSecond + 1;
  }

  /** The second for a job accepted now: seconds given out never go down. */
  stamp(): number {
    this.lastStamp = Math.max(this.clock(), this.floor, this.lastStamp);
    return this.lastStamp;
  }

  /** Whether the open rows' second has ended on the clock. */
  hasEndedSecond(): boolean {
    return this.pendingRows > 0 && this.clock() > this.second;
  }

  /**
   * Adds a job's encoded rows of one cluster; returns the frames sealed first when the job is of a
   * later second than the open rows (to append before the job's own rows).
   */
  add(second: number, clusterUUID: string, rows: number, bytes: Uint8Array): Frame[] {
    if (rows === 0) return [];
    if (second < this.floor || (this.pendingRows > 0 && second < this.second)) {
      throw new Error(`rows of second ${second} came after second ${this.second}: jobs must be applied in order`);
    }
    const sealed = this.pendingRows > 0 && second > this.second ? this.seal() : [];
    this.second = second;
    let frame = this.open.get(clusterUUID);
    if (!frame) {
      frame = { parts: [], bytes: 0, rows: 0 };
      this.open.set(clusterUUID, frame);
    }
    frame.parts.push(bytes);
    frame.bytes += bytes.length;
    frame.rows += rows;
    this.pendingRows += rows;
    return sealed;
  }

  /** One record parsed on the main thread (Packetbeat's), encoded here. */
  addRecord(second: number, record: FlowRecord): Frame[] {
    record.timeInserted = second;
    const writer = new ByteWriter(4096);
    this.encoder.writeRecord(record, writer);
    return this.add(second, record.clusterUUID, 1, new Uint8Array(writer.view()));
  }

  /** Every open frame, closed: one per cluster. */
  seal(): Frame[] {
    const frames: Frame[] = [];
    for (const [clusterUUID, frame] of this.open) {
      frames.push({
        kind: 'flows',
        format: this.format,
        rows: frame.rows,
        firstTimeInserted: this.second,
        lastTimeInserted: this.second,
        clusterUUID,
        body: Buffer.concat(frame.parts, frame.bytes),
      });
    }
    this.open.clear();
    if (this.pendingRows > 0) this.floor = this.second + 1;
    this.pendingRows = 0;
    return frames;
  }
}
