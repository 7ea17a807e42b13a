/**
 * Hand-written protobuf encoding of pluginv2.QueryDataResponse, used as the gRPC serializer for
 * QueryData. The generic encoder would first materialize every frame as one buffer and then copy it
 * again into the message; here each frame's Arrow chunks are copied once, straight into the buffer
 * grpc-js sends (see QueryDataMessage). Field numbers are those of proto/pluginv2.proto.
 */
export interface EncodedDataResponse {
  /** Arrow IPC file bytes of each frame, as chunks. */
  frames: Uint8Array[][];
  error: string;
  status: number;
  errorSource: string;
}

const lengthDelimited = 2;
const varintType = 0;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function tagSize(field: number): number {
  return varintSize(field << 3);
}

function bytesFieldSize(field: number, length: number): number {
  return tagSize(field) + varintSize(length) + length;
}

function chunksLength(chunks: Uint8Array[]): number {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  return length;
}

function dataResponseSize(response: EncodedDataResponse): number {
  let size = 0;
  for (const frame of response.frames) size += bytesFieldSize(1, chunksLength(frame));
  if (response.error) size += bytesFieldSize(2, Buffer.byteLength(response.error));
  if (response.status) size += tagSize(4) + varintSize(response.status);
  if (response.errorSource) size += bytesFieldSize(5, Buffer.byteLength(response.errorSource));
  return size;
}

class Writer {
  constructor(
    readonly buffer: Buffer,
    public offset: number
  ) {}

  varint(value: number): void {
    while (value >= 0x80) {
      this.buffer[this.offset++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
  }

  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  string(field: number, text: string): void {
    this.tag(field, lengthDelimited);
    this.varint(Buffer.byteLength(text));
    this.offset += this.buffer.write(text, this.offset, 'utf8');
  }

  /** Copies the chunks in, then empties the list so the column data they view can be collected. */
  chunks(field: number, chunks: Uint8Array[]): void {
    this.tag(field, lengthDelimited);
    this.varint(chunksLength(chunks));
    for (const chunk of chunks) {
      this.buffer.set(chunk, this.offset);
      this.offset += chunk.byteLength;
    }
    chunks.length = 0;
  }
}

/**
 * A QueryDataResponse whose bytes are written only when grpc-js asks for them. grpc-js frames a
 * message by reading the serializer's `byteLength`, allocating the 5-byte gRPC prefix plus that many
 * bytes, and calling `copy(output, 5)` (server-interceptors.js, serializeMessage). Handing it this
 * object instead of a Buffer lets the frames go from the query result into that output directly:
 * at 1M rows a frame is ~100 MB, and a whole message buffer between the two was over a quarter of
 * the peak memory. Were a later grpc-js to use the result as a Buffer otherwise (concat it, write it),
 * it would throw, and grpc-js answer INTERNAL "Error serializing response": the conformance tests,
 * which send frames through it to Grafana's Go SDK, would fail rather than pass wrong bytes.
 */
export class QueryDataMessage {
  readonly byteLength: number;
  private entries: Array<{ refId: string; response: EncodedDataResponse; valueSize: number; entrySize: number }>;
  private written = false;

  constructor(responses: Map<string, EncodedDataResponse>) {
    // responses is map<string, DataResponse> = 1: each entry a message {key = 1, value = 2}.
    this.entries = [...responses].map(([refId, response]) => {
      const valueSize = dataResponseSize(response);
      const entrySize = bytesFieldSize(1, Buffer.byteLength(refId)) + bytesFieldSize(2, valueSize);
      return { refId, response, valueSize, entrySize };
    });
    let total = 0;
    for (const entry of this.entries) total += bytesFieldSize(1, entry.entrySize);
    this.byteLength = total;
  }

  /** Writes the message at `targetStart` (Buffer.copy's contract); once, as it lets go of the frames. */
  copy(target: Uint8Array, targetStart = 0): number {
    if (this.written) {
      throw new Error('QueryDataResponse already written: its frames were released');
    }
    if (targetStart + this.byteLength > target.byteLength) {
      throw new Error(
        `QueryDataResponse needs ${this.byteLength} bytes at offset ${targetStart}; the buffer holds ${target.byteLength}`
      );
    }
    const buffer = Buffer.from(target.buffer, target.byteOffset, target.byteLength);
    const writer = new Writer(buffer, targetStart);
    for (const { refId, response, valueSize, entrySize } of this.entries) {
      writer.tag(1, lengthDelimited);
      writer.varint(entrySize);
      writer.string(1, refId);
      writer.tag(2, lengthDelimited);
      writer.varint(valueSize);
      for (const frame of response.frames) writer.chunks(1, frame);
      if (response.error) writer.string(2, response.error);
      if (response.status) {
        writer.tag(4, varintType);
        writer.varint(response.status);
      }
      if (response.errorSource) writer.string(5, response.errorSource);
    }
    this.entries = [];
    this.written = true;
    if (writer.offset - targetStart !== this.byteLength) {
      throw new Error(
        `QueryDataResponse size mismatch: wrote ${writer.offset - targetStart} of ${this.byteLength} bytes`
      );
    }
    return this.byteLength;
  }
}

/** The gRPC serializer for QueryData: see QueryDataMessage for why it returns no Buffer. */
export function serializeQueryDataResponse(responses: Map<string, EncodedDataResponse>): QueryDataMessage {
  return new QueryDataMessage(responses);
}
