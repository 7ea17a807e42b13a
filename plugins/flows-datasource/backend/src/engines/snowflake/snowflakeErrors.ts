import { EngineError } from '../engineError.ts';

export interface ErrorContext {
  /** The account URL, for messages. */
  location: string;
  username: string;
  timeoutSeconds: number;
}

/** Snowflake's codes for a refused login (GS error codes 390xxx). */
const loginCodes: Record<string, string> = {
  '390100': 'incorrect username or password',
  '390101': 'the user is locked',
  '390102': 'the user is disabled',
  '390144': 'the key-pair JWT was rejected: is the public key registered with ALTER USER … SET RSA_PUBLIC_KEY?',
  '390303': 'the OAuth access token is invalid',
  '390318': 'the OAuth access token has expired; issue a new one',
  '390422': 'the network policy does not allow connections from this address',
};
/** Login refusals about the session the user asked for, not who they are. */
const sessionCodes = new Set(['390189', '390190', '390201', '390202', '390203']);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

interface DriverError {
  code?: string | number;
  sqlState?: string;
  message?: string;
  name?: string;
  cause?: { code?: string; message?: string };
  response?: { status?: number };
}

/**
 * Turns what snowflake-sdk rejected with into an error the user can act on: the account URL and user
 * name are shown, a password or key never (the driver does not echo them, and the logger scrubs them).
 * SQL errors keep Snowflake's own message, which names the missing table or column.
 */
export function toEngineError(error: unknown, context: ErrorContext): EngineError {
  if (error instanceof EngineError) {
    return error;
  }
  const err = (error ?? {}) as DriverError;
  const code = err.code === undefined ? '' : String(err.code);
  const message = firstLine(err.message ?? String(error));
  const networkCode = [err.cause?.code, /\b(E[A-Z]{4,})\b/.exec(`${err.cause?.message ?? ''} ${message}`)?.[1]].find(
    (candidate) => candidate && networkCodes.has(candidate)
  );
  if (networkCode || code === '401001') {
    const reason =
      networkCode === 'ENOTFOUND' || networkCode === 'EAI_AGAIN'
        ? 'host not found'
        : networkCode === 'ECONNREFUSED'
          ? 'connection refused'
          : `connection failed (${networkCode ?? message})`;
    return new EngineError(
      'connection',
      `cannot reach Snowflake at ${context.location}: ${reason}. Check the account identifier and that this Grafana server can reach Snowflake (proxy, firewall, PrivateLink).`
    );
  }
  if (loginCodes[code]) {
    return new EngineError(
      'authentication',
      `Snowflake at ${context.location} refused user "${context.username}": ${loginCodes[code]}. Snowflake said: ${message}`
    );
  }
  if (sessionCodes.has(code)) {
    return new EngineError(
      'configuration',
      `Snowflake at ${context.location} accepted user "${context.username}" but not the session asked for: ${message} Check role, warehouse, database and schema.`
    );
  }
  if (code.startsWith('3900') || code.startsWith('3901') || code.startsWith('3903')) {
    return new EngineError(
      'authentication',
      `Snowflake at ${context.location} refused the login of user "${context.username}": ${message}`
    );
  }
  if (code === '000630') {
    return new EngineError(
      'timeout',
      `query stopped after the ${context.timeoutSeconds} s timeout (queryTimeoutSeconds); narrow the time range or raise the timeout.`
    );
  }
  if (code === '000604') {
    return new EngineError('cancelled', 'query cancelled');
  }
  if (code === '000606') {
    return new EngineError(
      'configuration',
      `no warehouse to run the query: set the datasource's warehouse, or give user "${context.username}" a default warehouse. Snowflake said: ${message}`
    );
  }
  if (/^\d{6}$/.test(code) && err.sqlState) {
    return new EngineError('query', `Snowflake error ${code} (${err.sqlState}): ${stripCodePrefix(message)}`);
  }
  if (err.name === 'AbortError' || /abort|cancel/i.test(message)) {
    return new EngineError('cancelled', 'query cancelled');
  }
  return new EngineError('server', `Snowflake at ${context.location}: ${message}`);
}

function stripCodePrefix(message: string): string {
  // The driver prefixes "002003 (42S02): ", which the message above already carries.
  return message.replace(/^\d{6} \([0-9A-Z]{5}\): /, '');
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
