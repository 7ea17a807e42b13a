// A parser thread: takes ParseJobs from the pool, answers with their ParsedBatch. The encoded rows'
// memory is handed over, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import { parseBatch, recordEncoder, type ParseJob } from './parseBatch.ts';
import type { ParserThreadData } from './parserPool.ts';

const { format, maxLineBytes } = workerData as ParserThreadData;
const encoder = recordEncoder(format);

parentPort!.on('message', ({ id, job }: { id: number; job: ParseJob }) => {
  try {
    const batch = parseBatch(job, encoder, maxLineBytes);
    parentPort!.postMessage(
      { id, batch },
      batch.encoded.map((rows) => rows.bytes.buffer as ArrayBuffer)
    );
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
