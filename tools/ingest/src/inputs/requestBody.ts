import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

/**
 * The request body, gunzipped when sent with Content-Encoding: gzip. Stops reading at `maxBytes`
 * (after decompression, so a small gzip bomb is refused too) with a 413 naming the limit.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new BodyError(415, `Content-Encoding ${encoding} is not supported: send the body plain or gzip`);
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (encoding === 'identity' && declared > maxBytes) {
    throw new BodyError(
      413,
      `the body is ${declared} bytes; the limit is ${maxBytes} (split it into several requests)`
    );
  }
  const stream = encoding === 'gzip' ? request.pipe(createGunzip()) : request;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new BodyError(
          413,
          `the body is over ${maxBytes} bytes${encoding === 'gzip' ? ' once decompressed' : ''} (split it into several requests)`
        );
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof BodyError) throw error;
    throw new BodyError(400, `could not read the body: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}
