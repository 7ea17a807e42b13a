import { EngineError } from '../engineError.ts';

/** ClickHouse error codes that mean "who you are", not "what you asked". */
const authenticationCodes = new Set(['192', '193', '194', '516']);
const timeoutCodes = new Set(['159', '209', '210']);

interface ErrorContext {
  url: string;
  username: string;
  timeoutSeconds: number;
}

/**
 * Turns whatever @clickhouse/client or the socket threw into an EngineError that says what failed,
 * with which input, and what to do. Passwords never appear: only the URL and the user name.
 */
export function toEngineError(error: unknown, context: ErrorContext): EngineError {
  if (error instanceof EngineError) {
    return error;
  }
  const err = error as { code?: string; message?: string; name?: string; cause?: { code?: string } };
  const message = (err.message ?? String(error)).trim();
  // ClickHouse before 19.x formats errors as "Code: 60, e.displayText() = DB::Exception: ...", which the client does not parse.
  const code = err.code ?? err.cause?.code ?? /^Code: (\d+)[,.]/.exec(message)?.[1];
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'EAI_AGAIN'
  ) {
    const reason =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host not found'
          : `connection failed (${code})`;
    return new EngineError(
      'connection',
      `cannot reach ClickHouse at ${context.url}: ${reason}. Check the URL and that ClickHouse is running.`
    );
  }
  if (code && /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS)/.test(code)) {
    return new EngineError(
      'connection',
      `TLS handshake with ${context.url} failed (${code}): add the server's CA certificate or, for testing only, enable "Skip TLS verify".`
    );
  }
  if (code && authenticationCodes.has(code)) {
    return new EngineError(
      'authentication',
      `ClickHouse rejected user "${context.username}" at ${context.url}: authentication failed. Check the username and password.`
    );
  }
  if (code && timeoutCodes.has(code)) {
    return new EngineError(
      'timeout',
      `query stopped after the ${context.timeoutSeconds} s timeout (queryTimeoutSeconds); narrow the time range or raise the timeout.`
    );
  }
  if (code === '164') {
    return new EngineError(
      'configuration',
      `ClickHouse user "${context.username}" is readonly=1, so FlowLens cannot set its per-query limits; give the user readonly=2 (see provisioning/clickhouse/users.d). ClickHouse said: ${firstLine(message)}`
    );
  }
  if (err.name === 'AbortError' || /aborted/i.test(message)) {
    return new EngineError('cancelled', 'query cancelled');
  }
  if (/timeout/i.test(message) && !code) {
    return new EngineError(
      'timeout',
      `ClickHouse at ${context.url} did not answer within the ${context.timeoutSeconds} s timeout.`
    );
  }
  if (code && /^\d+$/.test(code)) {
    return new EngineError('query', `ClickHouse error ${code}: ${firstLine(message)}`);
  }
  return new EngineError('server', `ClickHouse at ${context.url}: ${firstLine(message)}`);
}

function firstLine(message: string): string {
  // ClickHouse appends stack traces and version footers; the first sentence is what users need.
  return message
    .replace(/^Code: \d+, e\.displayText\(\) = DB::Exception: /, '')
    .replace(/\s*Stack trace:[\s\S]*$/, '')
    .replace(/, e\.what\(\) = DB::Exception$/, '')
    .split('\n')[0]!
    .trim();
}
