import { createServer, type Server, type Socket } from 'node:net';
import type { DiskBuffer } from '../buffer/diskBuffer.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { IngestPipeline } from '../pipeline/ingestPipeline.ts';
import { LineSplitter } from './lineSplitter.ts';

export interface TcpInputOptions {
  host: string;
  port: number;
  maxLineBytes: number;
  clusterUUID: string;
}

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
  const context = pipeline.context(options.clusterUUID);
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
  // Records wait in memory until their second ends; past a bound, reading waits for that too.
  const pauseWhileCrowded = () => {
    for (const socket of sockets) socket.pause();
  };
  pipeline.on('sealed', resumeAll);

  const server = createServer((socket) => {
    sockets.add(socket);
    const splitter = new LineSplitter(
      options.maxLineBytes,
      (text) => pipeline.acceptLine('tcp', text, context),
      (start) => pipeline.rejectLine('tcp', 'line-too-long', `longer than ${options.maxLineBytes} bytes`, start)
    );
    if (buffer.isFull()) pauseAll();
    socket.on('data', (chunk: Buffer) => {
      splitter.push(chunk);
      if (buffer.isFull()) pauseAll();
      else if (pipeline.isCrowded()) pauseWhileCrowded();
    });
    socket.on('end', () => splitter.end());
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
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
