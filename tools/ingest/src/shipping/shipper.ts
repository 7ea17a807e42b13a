import type { DiskBuffer, StoredFrame } from '../buffer/diskBuffer.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { FlowsDestination } from './flowsDestination.ts';
import type { PolicyEventsDestination } from './policyEventsDestination.ts';

const firstBackoffMs = 200;
const longestBackoffMs = 10_000;

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
  private wake: (() => void) | undefined;

  constructor(
    private readonly buffer: DiskBuffer,
    private readonly flows: FlowsDestination,
    private readonly policyEvents: PolicyEventsDestination,
    private readonly metrics: IngestMetrics,
    private readonly log: (line: string) => void
  ) {}

  start(): void {
    this.done = this.run();
  }

  /** Stops after the frame in hand, waiting for it at most a few seconds (unconfirmed, it stays buffered). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.done, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
    clearTimeout(timer);
  }

  private async run(): Promise<void> {
    let uncertain = true;
    for (;;) {
      const stored = await this.buffer.next();
      if (!stored || this.stopped) return;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.deliver(stored, uncertain);
          break;
        } catch (error) {
          uncertain = true;
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
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
