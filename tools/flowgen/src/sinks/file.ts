import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { CsvEncoder } from '../encoding/csv.ts';
import type { FlowEncoder } from '../encoding/encoder.ts';
import { NdjsonEncoder } from '../encoding/ndjson.ts';
import type { FlowBatch, FlowSink } from './sink.ts';

export type FileFormat = 'ndjson' | 'csv';

export interface FileSinkOptions {
  format: FileFormat;
  /** A path, '-' for stdout, or any writable stream (left open when done). */
  output: string | Writable;
}

/** Thrown when the reader went away (`flowgen | head`): a normal way for output to end. */
export class OutputClosedError extends Error {}

/** NDJSON or CSV into a file, stdout or a stream. */
export class FileSink implements FlowSink {
  readonly encoder: FlowEncoder;
  readonly description: string;
  readonly preferredBatchRows = 8192;
  private readonly stream: Writable;
  private readonly ownsStream: boolean;
  private streamError: Error | undefined;
  private headerWritten = false;

  constructor(options: FileSinkOptions) {
    this.encoder = options.format === 'csv' ? new CsvEncoder() : new NdjsonEncoder();
    if (typeof options.output === 'string' && options.output !== '-') {
      this.stream = createWriteStream(options.output);
      this.ownsStream = true;
      this.description = `${options.format.toUpperCase()} file ${options.output}`;
    } else {
      this.stream = options.output === '-' ? process.stdout : options.output;
      this.ownsStream = false;
      this.description = options.output === '-' ? `${options.format.toUpperCase()} on stdout` : options.format;
    }
    this.stream.on('error', (error: NodeJS.ErrnoException) => {
      this.streamError = this.closedByReader(error) ?? error;
    });
  }

  async write(batch: FlowBatch): Promise<void> {
    if (!this.headerWritten) {
      this.headerWritten = true;
      if (this.encoder.header.length > 0) {
        await this.send(this.encoder.header);
      }
    }
    await this.send(batch.bytes);
  }

  async close(): Promise<void> {
    if (!this.headerWritten && this.encoder.header.length > 0) {
      this.headerWritten = true;
      await this.send(this.encoder.header);
    }
    if (this.ownsStream) {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('error', reject);
        this.stream.end(() => resolve());
      });
    }
  }

  private closedByReader(error: NodeJS.ErrnoException): OutputClosedError | undefined {
    return error.code === 'EPIPE' ? new OutputClosedError(`${this.description} was closed by its reader`) : undefined;
  }

  private send(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.streamError) {
        reject(this.streamError);
        return;
      }
      this.stream.write(bytes, (error) => {
        const failure = this.streamError ?? (error ? (this.closedByReader(error) ?? error) : undefined);
        if (failure) {
          reject(
            failure instanceof OutputClosedError
              ? failure
              : new Error(`cannot write to ${this.description}: ${failure.message}`)
          );
        } else {
          resolve();
        }
      });
    });
  }
}
