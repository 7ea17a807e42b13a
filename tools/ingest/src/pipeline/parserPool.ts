import { Worker } from 'node:worker_threads';
import type { RecordEncoder } from '@flowlens/flowgen';
import { parseBatch, recordEncoder, type ParseJob, type ParsedBatch, type WireFormat } from './parseBatch.ts';

export interface ParserThreadData {
  format: WireFormat;
  maxLineBytes: number;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, { resolve: (batch: ParsedBatch) => void; reject: (error: Error) => void }>;
}

// From a checkout (tsx, vitest) this module is TypeScript and the thread starts through tsx; the
// bundle (build.ts) has the thread built beside it.
const threadScript = import.meta.url.endsWith('.ts')
  ? new URL('./parserThread.mjs', import.meta.url)
  : new URL('./parser-thread.cjs', import.meta.url);

/**
 * Threads that parse and encode jobs, so JSON parsing, checking and encoding use every core while
 * the main thread reads sockets, writes the buffer and ships. A job goes to the thread with the
 * fewest waiting; with no threads, jobs run inline. Results may come back in any order: the
 * pipeline puts them back in order. A thread that dies is replaced, and its jobs fail (the
 * pipeline then parses them inline).
 */
export class ParserPool {
  private readonly threads: Thread[] = [];
  private readonly encoder: RecordEncoder;
  private nextId = 0;
  private closed = false;

  constructor(
    threads: number,
    private readonly data: ParserThreadData,
    private readonly log: (line: string) => void
  ) {
    this.encoder = recordEncoder(data.format);
    for (let i = 0; i < threads; i++) this.threads.push(this.spawn());
  }

  get size(): number {
    return this.threads.length;
  }

  run(job: ParseJob): Promise<ParsedBatch> {
    if (this.threads.length === 0) return Promise.resolve(this.inline(job));
    let thread = this.threads[0]!;
    for (const other of this.threads) if (other.jobs.size < thread.jobs.size) thread = other;
    const id = this.nextId++;
    // A copy of exactly the job's bytes, handed over: posting a view would copy all the memory under it.
    const bytes = new Uint8Array(job.bytes);
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject });
      thread.worker.postMessage({ id, job: { ...job, bytes } }, [bytes.buffer]);
    });
  }

  /** The same work on the calling thread. */
  inline(job: ParseJob): ParsedBatch {
    return parseBatch(job, this.encoder, this.data.maxLineBytes);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): Thread {
    const thread: Thread = { worker: new Worker(threadScript, { workerData: this.data }), jobs: new Map() };
    thread.worker.on('message', (message: { id: number; batch?: ParsedBatch; error?: string }) => {
      const job = thread.jobs.get(message.id);
      thread.jobs.delete(message.id);
      if (message.batch) job?.resolve(message.batch);
      else job?.reject(new Error(message.error));
    });
    thread.worker.on('error', (error) => {
      this.log(`flowlens-ingest: a parser thread failed: ${error.stack ?? error.message}`);
    });
    thread.worker.on('exit', (code) => {
      for (const job of thread.jobs.values()) job.reject(new Error(`the parser thread exited (${code})`));
      thread.jobs.clear();
      if (this.closed) return;
      this.log(`flowlens-ingest: a parser thread exited (${code}); starting another`);
      this.threads[this.threads.indexOf(thread)] = this.spawn();
    });
    return thread;
  }
}
