/**
 * Caps queries in flight per datasource: a dashboard with 40 panels must not open 40 connections
 * at once against one ClickHouse. Waiters give up when their request is cancelled.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const start = () => {
          signal.removeEventListener('abort', cancel);
          resolve();
        };
        const cancel = () => {
          const index = this.waiting.indexOf(start);
          if (index >= 0) {
            this.waiting.splice(index, 1);
          }
          reject(new Error('cancelled while waiting for a free query slot'));
        };
        signal.addEventListener('abort', cancel, { once: true });
        this.waiting.push(start);
      });
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        // The slot passes straight to the next waiter; `running` stays the same.
        next();
      } else {
        this.running--;
      }
    }
  }
}
