import './driverEnvironment.ts';
import * as snowflake from 'snowflake-sdk';
import type { Connection, ConnectionOptions } from 'snowflake-sdk';

/**
 * Logged-in Snowflake sessions, reused between queries: a login costs a round trip (and, with key
 * pairs, a signature), and Grafana sends many small queries. Each query holds one session while it
 * runs; sessions that failed or dropped are destroyed instead of returned.
 */
export class SessionPool {
  private readonly idle: Connection[] = [];
  private closed = false;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly maxIdle = 4
  ) {}

  /** A logged-in session; rejects with the driver's error when the login fails or `signal` aborts. */
  async acquire(signal: AbortSignal): Promise<Connection> {
    for (let session = this.idle.pop(); session; session = this.idle.pop()) {
      if (session.isUp()) {
        return session;
      }
      destroy(session);
    }
    const session = snowflake.createConnection(this.options);
    const onAbort = () => destroy(session);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([
        // connect(), not connectAsync(): the latter resolves even when the login is refused.
        new Promise<void>((resolve, reject) => {
          session.connect((error) => (error ? reject(error) : resolve()));
        }),
        new Promise<never>((_, reject) => {
          const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
          if (signal.aborted) fail();
          signal.addEventListener('abort', fail, { once: true });
        }),
      ]);
      return session;
    } catch (error) {
      destroy(session);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  release(session: Connection, reusable: boolean): void {
    if (reusable && !this.closed && session.isUp() && this.idle.length < this.maxIdle) {
      this.idle.push(session);
    } else {
      destroy(session);
    }
  }

  close(): void {
    this.closed = true;
    for (const session of this.idle.splice(0)) {
      destroy(session);
    }
  }
}

function destroy(session: Connection): void {
  // Logs out on the server; a session that never logged in has nothing to log out of.
  try {
    session.destroy(() => undefined);
  } catch {
    // Already destroyed or never connected.
  }
}
