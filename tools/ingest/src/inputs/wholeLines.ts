/**
 * Collects a byte stream into pieces of whole lines, for parser threads: `take()` gives everything
 * up to the last newline so far, and the unfinished line waits for the rest. An unfinished line
 * that grows past `maxLineBytes` is reported once, by its first bytes, and skipped to its end (a
 * line over the limit within a piece is the parser's LineSplitter's to report, the same way).
 */
export class WholeLines {
  private parts: Buffer[] = [];
  /** Bytes in parts up to and including the last newline. */
  private completeBytes = 0;
  private tailBytes = 0;
  private skipping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onTooLong: (start: string) => void
  ) {}

  /** Bytes of whole lines waiting to be taken. */
  get bytes(): number {
    return this.completeBytes;
  }

  push(chunk: Buffer): void {
    if (this.skipping) {
      const newline = chunk.indexOf(10);
      if (newline < 0) return;
      this.skipping = false;
      chunk = chunk.subarray(newline + 1);
    }
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    const newline = chunk.lastIndexOf(10);
    if (newline >= 0) {
      this.completeBytes += this.tailBytes + newline + 1;
      this.tailBytes = chunk.length - newline - 1;
    } else {
      this.tailBytes += chunk.length;
    }
    if (this.tailBytes > this.maxLineBytes) this.skipTail();
  }

  /** Whole lines collected so far, or undefined when there are none. */
  take(): Buffer | undefined {
    if (this.completeBytes === 0) return undefined;
    const all = Buffer.concat(this.parts, this.completeBytes + this.tailBytes);
    const lines = all.subarray(0, this.completeBytes);
    this.parts = this.tailBytes > 0 ? [all.subarray(this.completeBytes)] : [];
    this.completeBytes = 0;
    return lines;
  }

  /** The stream ended: whole lines and a last line without a newline, or undefined when nothing is left. */
  end(): Buffer | undefined {
    const rest = Buffer.concat(this.parts, this.completeBytes + this.tailBytes);
    this.parts = [];
    this.completeBytes = 0;
    this.tailBytes = 0;
    return rest.length > 0 ? rest : undefined;
  }

  private skipTail(): void {
    const all = Buffer.concat(this.parts, this.completeBytes + this.tailBytes);
    const tail = all.subarray(this.completeBytes);
    this.onTooLong(tail.toString('utf8', 0, Math.min(200, tail.length)));
    this.parts = this.completeBytes > 0 ? [all.subarray(0, this.completeBytes)] : [];
    this.tailBytes = 0;
    this.skipping = true;
  }
}
