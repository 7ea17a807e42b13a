import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { FileSink, writeFlows, type FileFormat, type GenerateOptions } from '../../src/index.ts';

/** Everything flowgen writes for these options in this format, as one buffer. */
export async function collectFlows(format: FileFormat, options: GenerateOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await writeFlows(new FileSink({ format, output }), options);
  return Buffer.concat(chunks);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
