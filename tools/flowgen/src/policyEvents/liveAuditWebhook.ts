import { generatePolicyEvents } from '../model/policyChanges.ts';
import { auditEventList } from './auditEvent.ts';
import type { PolicyEvent } from './columns.ts';

export interface LiveAuditOptions {
  /** Where the audit webhook backend would post: flowlens-ingest's POST /v1/audit. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; never logged. */
  token: string | undefined;
  seed: number;
  clusterUUID: string;
  /** The live simulation's first second: its policy changes repeat from there, as its drop bursts do. */
  rangeStart: number;
  /** Changes from before rangeStart to send first (a backfilled history's). */
  backlog?: readonly PolicyEvent[];
  signal: AbortSignal;
  log: (line: string) => void;
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
  /** Between two looks for changes that became due, and between retries (default 1000 ms). */
  tickMilliseconds?: number;
}

// Changes kept while the receiver is down: days of them at the model's few an hour.
const maxWaitingEvents = 10_000;
const requestMilliseconds = 10_000;
const finalTryMilliseconds = 5_000;

/**
 * Live mode's policy changes, sent as the Kubernetes API server's audit webhook backend sends them:
 * each second the changes that became due go out as an audit.k8s.io/v1 EventList. While the
 * receiver is unreachable or refuses them they wait and go again (the newest 10,000), so none is
 * skipped while flowgen runs; the log says when sending starts failing and when it works again.
 * Once the signal aborts, what waits gets one last try; then it resolves.
 */
export async function sendLivePolicyChanges(options: LiveAuditOptions): Promise<{ sent: number }> {
  const clock = options.clock ?? Date.now;
  const tick = options.tickMilliseconds ?? 1000;
  const target = new URL(options.url);
  if (options.clusterUUID) target.searchParams.set('cluster', options.clusterUUID);
  let dueFrom = options.rangeStart;
  let waiting: PolicyEvent[] = [...(options.backlog ?? [])];
  let failing = false;
  let sent = 0;
  while (!options.signal.aborted) {
    const now = Math.floor(clock() / 1000);
    if (now >= dueFrom) {
      const due = generatePolicyEvents({ ...options, from: dueFrom, to: now + 1 });
      waiting = [...waiting, ...due].slice(-maxWaitingEvents);
      dueFrom = now + 1;
    }
    if (waiting.length > 0) {
      // Not cut short by the signal: a request cut off after it landed would be sent twice.
      const failure = await post(target, options.token, waiting, AbortSignal.timeout(requestMilliseconds));
      if (failure === undefined) {
        sent += waiting.length;
        if (failing) options.log(`flowgen: audit events reach ${options.url} again`);
        failing = false;
        waiting = [];
      } else if (!failing && !options.signal.aborted) {
        failing = true;
        options.log(`flowgen: could not send ${waiting.length} audit events to ${options.url} (${failure}); retrying`);
      }
    }
    await sleep(tick, options.signal);
  }
  // flowgen is stopping: one last try for what is due, so a short run still delivers its changes.
  if (waiting.length > 0) {
    const failure = await post(target, options.token, waiting, AbortSignal.timeout(finalTryMilliseconds));
    if (failure === undefined) sent += waiting.length;
    else options.log(`flowgen: ${waiting.length} audit events not sent to ${options.url} before stopping (${failure})`);
  }
  return { sent };
}

/** undefined once the receiver took the events, else what went wrong. */
async function post(
  target: URL,
  token: string | undefined,
  events: PolicyEvent[],
  signal: AbortSignal
): Promise<string | undefined> {
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(auditEventList(events)),
      signal,
    });
    const answer = await response.text();
    if (response.ok) return undefined;
    const hint = response.status === 401 ? '; is FLOWLENS_INGEST_TOKEN the one flowlens-ingest has?' : '';
    return `HTTP ${response.status}: ${answer.trim().slice(0, 200)}${hint}`;
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    return cause ?? (error as Error).message;
  }
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal.addEventListener('abort', done);
  });
}
