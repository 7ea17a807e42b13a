/**
 * Splits a byte stream into lines (\n, with an optional \r before it). A line longer than
 * `maxLineBytes` is reported once, by its first bytes, and skipped to its end: never cut into pieces
 * that would parse as something else.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (text: string) => void,
    private readonly onTooLong: (start: string) => void
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline < 0) break;
      this.endLine(chunk.subarray(start, newline));
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.pendingBytes > 0 || this.skipping) this.endLine(Buffer.alloc(0));
  }

  private keep(part: Buffer): void {
    if (this.skipping) return;
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      this.tooLong(part);
      return;
    }
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private endLine(tail: Buffer): void {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    if (this.pendingBytes + tail.length > this.maxLineBytes) {
      this.tooLong(tail);
      this.skipping = false;
      return;
    }
    const line = this.pendingBytes === 0 ? tail : Buffer.concat([...this.pending, tail]);
    this.pending = [];
    this.pendingBytes = 0;
    const length = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
    this.onLine(line.toString('utf8', 0, length));
  }

  private tooLong(part: Buffer): void {
    const start = Buffer.concat([...this.pending, part.subarray(0, 200)]).toString('utf8', 0, 200);
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = true;
    this.onTooLong(start);
  }
}
