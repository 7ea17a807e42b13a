import { createServer, type Server, type Socket } from 'node:net';
import type { DiskBuffer } from '../buffer/diskBuffer.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { IngestPipeline } from '../pipeline/ingestPipeline.ts';
import { WholeLines } from './wholeLines.ts';

export interface TcpInputOptions {
  host: string;
  port: number;
  maxLineBytes: number;
  clusterUUID: string;
}

// Lines go to the parser threads in pieces of about this size: large enough that handing one over
// costs little next to parsing it, small enough to keep every thread busy.
const pieceBytes = 256 * 1024;

/**
 * Newline-delimited lines over plain TCP (`cat flows.log | nc host port`). No answer goes back; when
 * the buffer is full every connection stops being read, so senders block in TCP's own flow control
 * instead of losing lines, and reading resumes when the buffer has room.
 */
export async function startTcpInput(
  options: TcpInputOptions,
  pipeline: IngestPipeline,
  buffer: DiskBuffer,
  metrics: IngestMetrics
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const pauseAll = () => {
    for (const socket of sockets) {
      if (!socket.isPaused()) {
        socket.pause();
        metrics.backpressure.inc({ input: 'tcp' });
      }
    }
  };
  const resumeAll = () => {
    if (buffer.isFull() || pipeline.isCrowded()) return;
    for (const socket of sockets) socket.resume();
  };
  buffer.on('full', pauseAll);
  buffer.on('space', resumeAll);
  // Lines wait in memory for a parser thread and records for their second to end; past a bound,
  // reading waits for that too.
  const pauseWhileCrowded = () => {
    for (const socket of sockets) socket.pause();
  };
  pipeline.on('sealed', resumeAll);
  pipeline.on('applied', resumeAll);

  const server = createServer((socket) => {
    sockets.add(socket);
    const lines = new WholeLines(options.maxLineBytes, (start) =>
      pipeline.rejectLine('tcp', 'line-too-long', `longer than ${options.maxLineBytes} bytes`, start)
    );
    const submit = (bytes: Buffer | undefined) => {
      if (bytes) void pipeline.submit('tcp', { kind: 'lines', bytes, clusterUUID: options.clusterUUID });
    };
    // What one read brought is sent on at the end of the event loop's turn, or sooner when large.
    let flush: NodeJS.Immediate | undefined;
    if (buffer.isFull()) pauseAll();
    socket.on('data', (chunk: Buffer) => {
      lines.push(chunk);
      if (lines.bytes >= pieceBytes) submit(lines.take());
      else
        flush ??= setImmediate(() => {
          flush = undefined;
          submit(lines.take());
        });
      if (buffer.isFull()) pauseAll();
      else if (pipeline.isCrowded()) pauseWhileCrowded();
    });
    socket.on('end', () => {
      clearImmediate(flush);
      submit(lines.end());
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        buffer.off('full', pauseAll);
        buffer.off('space', resumeAll);
        pipeline.off('sealed', resumeAll);
        pipeline.off('applied', resumeAll);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
