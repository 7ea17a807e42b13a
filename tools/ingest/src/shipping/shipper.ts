import type { DiskBuffer, StoredFrame } from '../buffer/diskBuffer.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { FlowsDestination } from './flowsDestination.ts';
import type { PolicyEventsDestination } from './policyEventsDestination.ts';

const firstBackoffMs = 200;
// Short, so a ClickHouse that is back is found within two seconds; a refused connection costs nothing.
const longestBackoffMs = 2000;
// How long stop() waits for an insert in flight to be answered before cutting it off.
const stopGraceMs = 10_000;

/**
 * Sends the buffer's frames to ClickHouse one at a time, in order, and commits each once stored.
 * A failed frame is tried again with backoff for as long as it takes: nothing is dropped, and
 * nothing after it overtakes it. The first frame after a start may have been in flight when the
 * process stopped, so it is treated as uncertain.
 */
export class Shipper {
  /** The error that holds the head of the buffer back, for /healthz; undefined while sending works. */
  lastError: string | undefined;
  private stopped = false;
  private done: Promise<void> = Promise.resolve();
  private readonly stopping: Promise<undefined>;
  private signalStop: () => void = () => undefined;

  constructor(
    private readonly buffer: DiskBuffer,
    private readonly flows: FlowsDestination,
    private readonly policyEvents: PolicyEventsDestination,
    private readonly metrics: IngestMetrics,
    private readonly log: (line: string) => void
  ) {
    this.stopping = new Promise((resolve) => (this.signalStop = () => resolve(undefined)));
  }

  start(): void {
    this.done = this.run();
  }

  /**
   * Stops sending and closes the connections. Returns only once nothing is sent any more: a send
   * left running would race the next start over the same frames (and commit into its state).
   * An insert in flight gets a grace period to be answered; cut off, its frame is uncertain next time.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.done.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), stopGraceMs))),
    ]);
    clearTimeout(timer);
    await this.flows.close();
    this.policyEvents.close();
    if (!answered) await this.done;
  }

  private async run(): Promise<void> {
    let uncertain = true;
    for (;;) {
      const stored = await Promise.race([this.buffer.next(), this.stopping]);
      if (!stored || this.stopped) return;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.deliver(stored, uncertain);
          break;
        } catch (error) {
          uncertain = true;
          if (this.stopped) return;
          this.metrics.insertErrors.inc();
          const message = (error as Error).message;
          if (message !== this.lastError) {
            this.log(
              `flowlens-ingest: sending a batch of ${stored.frame.rows} rows failed, it stays buffered: ${message}`
            );
          }
          this.lastError = message;
          await this.pause(Math.min(longestBackoffMs, firstBackoffMs * 2 ** attempt));
          if (this.stopped) return;
        }
      }
      if (this.lastError !== undefined) {
        this.log('flowlens-ingest: ClickHouse takes batches again; the buffer drains');
        this.lastError = undefined;
      }
      uncertain = false;
      await this.buffer.commit(stored);
      this.metrics.inserted.inc(
        { table: stored.frame.kind === 'flows' ? 'flows' : 'policy_events' },
        stored.frame.rows
      );
    }
  }

  private async deliver(stored: StoredFrame, uncertain: boolean): Promise<void> {
    if (stored.frame.kind === 'flows') await this.flows.deliver(stored, uncertain);
    else await this.policyEvents.deliver(stored);
  }

  private pause(milliseconds: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<void>((resolve) => (timer = setTimeout(resolve, milliseconds))),
      this.stopping,
    ]).then(() => clearTimeout(timer));
  }
}
