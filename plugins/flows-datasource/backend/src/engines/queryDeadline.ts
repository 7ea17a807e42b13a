import type { QueryOptions } from './engine.ts';

export interface QueryDeadline {
  /** Aborts when Grafana cancels or the deadline passes. */
  signal: AbortSignal;
  /** Whether it was the deadline (not Grafana) that aborted. */
  timedOut(): boolean;
  dispose(): void;
}

/**
 * Grafana's cancellation plus our own deadline, as one signal. The deadline fires a second after the
 * datasource's timeout, which the database enforces itself: when the server is reachable, its own
 * timeout answers first, with its own message.
 */
export function queryDeadline(options: QueryOptions): QueryDeadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new Error('timeout'));
  }, options.timeoutMs + 1000);
  const onCancel = () => controller.abort(new Error('cancelled'));
  options.signal.addEventListener('abort', onCancel, { once: true });
  if (options.signal.aborted) {
    onCancel();
  }
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onCancel);
    },
  };
}
