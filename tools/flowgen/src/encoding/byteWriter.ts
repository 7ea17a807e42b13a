/**
 * A growable byte buffer that writes numbers as text or little-endian binary without building
 * strings, so encoding a record allocates nothing.
 */
export class ByteWriter {
  buffer: Buffer;
  length = 0;

  constructor(initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Makes room for `bytes` more bytes; call before writing a record's worth of data. */
  reserve(bytes: number): void {
    const needed = this.length + bytes;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
  }

  /** The bytes written so far (a view: valid until the next write or reset). */
  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }

  byte(value: number): void {
    this.buffer[this.length++] = value;
  }

  bytes(source: Uint8Array): void {
    this.buffer.set(source, this.length);
    this.length += source.length;
  }

  /** A string's UTF-8 bytes, `byteLength` of them (Buffer.byteLength), written in place. */
  utf8(text: string, byteLength: number): void {
    this.buffer.write(text, this.length, byteLength, 'utf8');
    this.length += byteLength;
  }

  /** Copies a few bytes; for short arrays a loop beats TypedArray.set's call overhead. */
  smallBytes(source: Uint8Array): void {
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < source.length; i++) {
      buffer[at++] = source[i] as number;
    }
    this.length = at;
  }

  /** A non-negative integer below 2^53 in decimal. */
  decimal(value: number): void {
    const buffer = this.buffer;
    if (value < 10) {
      buffer[this.length++] = 48 + value;
      return;
    }
    let end = this.length + decimalDigits(value);
    this.length = end;
    while (value >= 2147483648) {
      const quotient = Math.floor(value / 100);
      const pair = (value - quotient * 100) * 2;
      buffer[--end] = digitPairs[pair + 1] as number;
      buffer[--end] = digitPairs[pair] as number;
      value = quotient;
    }
    while (value >= 100) {
      const quotient = (value / 100) | 0;
      const pair = (value - quotient * 100) * 2;
      buffer[--end] = digitPairs[pair + 1] as number;
      buffer[--end] = digitPairs[pair] as number;
      value = quotient;
    }
    if (value >= 10) {
      buffer[--end] = digitPairs[value * 2 + 1] as number;
      buffer[--end] = digitPairs[value * 2] as number;
    } else {
      buffer[--end] = 48 + value;
    }
  }

  /**
   * Unix seconds as exactly ten digits: newer ClickHouse only reads a bare timestamp of that width.
   * Records of a batch share a few hundred distinct seconds, so recent ones are kept encoded.
   */
  tenDigits(value: number): void {
    const slot = value & (recentSecondsSlots - 1);
    const offset = slot * 10;
    if (recentSeconds[slot] !== value) {
      recentSeconds[slot] = value;
      let remaining = value;
      for (let i = 9; i >= 0; i--) {
        const quotient = Math.floor(remaining / 10);
        recentSecondsText[offset + i] = 48 + remaining - quotient * 10;
        remaining = quotient;
      }
    }
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < 10; i++) {
      buffer[at++] = recentSecondsText[offset + i] as number;
    }
    this.length = at;
  }

  uint8(value: number): void {
    this.buffer[this.length++] = value;
  }

  uint16(value: number): void {
    const buffer = this.buffer;
    buffer[this.length++] = value & 0xff;
    buffer[this.length++] = value >>> 8;
  }

  uint32(value: number): void {
    const buffer = this.buffer;
    buffer[this.length++] = value & 0xff;
    buffer[this.length++] = (value >>> 8) & 0xff;
    buffer[this.length++] = (value >>> 16) & 0xff;
    buffer[this.length++] = value >>> 24;
  }

  /** A non-negative integer below 2^53 as a little-endian UInt64. */
  uint64(value: number): void {
    const buffer = this.buffer;
    let at = this.length;
    let low = value;
    let high = 0;
    if (value >= 4294967296) {
      high = Math.floor(value / 4294967296);
      low = value - high * 4294967296;
    }
    buffer[at++] = low & 0xff;
    buffer[at++] = (low >>> 8) & 0xff;
    buffer[at++] = (low >>> 16) & 0xff;
    buffer[at++] = low >>> 24;
    buffer[at++] = high & 0xff;
    buffer[at++] = (high >>> 8) & 0xff;
    buffer[at++] = (high >>> 16) & 0xff;
    buffer[at++] = high >>> 24;
    this.length = at;
  }
}

const recentSecondsSlots = 1024;
const recentSeconds = new Float64Array(recentSecondsSlots).fill(-1);
const recentSecondsText = new Uint8Array(recentSecondsSlots * 10);
const digitPairs = Uint8Array.from(
  Array.from({ length: 100 }, (_, n) => [48 + Math.floor(n / 10), 48 + (n % 10)]).flat()
);
const powersOfTen = Array.from({ length: 16 }, (_, n) => 10 ** (n + 1));

function decimalDigits(value: number): number {
  let digits = 1;
  while (digits < 16 && value >= (powersOfTen[digits - 1] as number)) {
    digits++;
  }
  return digits;
}
