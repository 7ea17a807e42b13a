import http from 'node:http';
import https from 'node:https';

export interface ClickHouseConnectionOptions {
  /** ClickHouse's HTTP interface, e.g. http://127.0.0.1:8123; user:password@ in it are used when user/password are not given. */
  url: string;
  user?: string;
  password?: string;
  /** Default `default`. */
  database?: string;
  /** How long one request may take before it counts as failed; default 5 minutes. */
  requestTimeoutMs?: number;
}

/** A failed request: `unreachable` (no answer) or `server` (ClickHouse answered with an error). */
export class ClickHouseError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'server',
    readonly code: number | undefined,
    readonly status: number | undefined
  ) {
    super(message);
    this.name = 'ClickHouseError';
  }

  /** True when trying again later can succeed: the server is down, restarting or overloaded. */
  get retryable(): boolean {
    if (this.kind === 'unreachable') {
      return true;
    }
    return (this.code !== undefined && transientCodes.has(this.code)) || [502, 503, 504].includes(this.status ?? 0);
  }
}

// ClickHouse error codes that say "not now" rather than "never": timeouts, overload, network, a
// query with the same id still running, too many parts waiting for merges.
const transientCodes = new Set([159, 202, 203, 209, 210, 216, 241, 252, 394, 425]);

const hints: Record<number, string> = {
  60: 'create the table first: flowgen --apply-schema, or apply provisioning/clickhouse/*.sql',
  81: 'create the database first, or pass the right --database',
  164: 'this user is read-only: load with a writer user such as flowlens_writer',
  192: 'check the user name (--user or CLICKHOUSE_USER)',
  193: 'check the password (--password or CLICKHOUSE_PASSWORD)',
  497: 'this user lacks the grant: load with a writer user such as flowlens_writer',
  516: 'check the user and password (--user/--password or CLICKHOUSE_USER/CLICKHOUSE_PASSWORD)',
};

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The few things flowgen asks of ClickHouse's HTTP interface, over keep-alive connections. */
export class ClickHouseHttp {
  /** The server's address without credentials, for messages. */
  readonly description: string;
  readonly database: string;
  private readonly endpoint: URL;
  private readonly authorization: string | undefined;
  private readonly agent: http.Agent;
  private readonly requestTimeoutMs: number;
  private closed = false;

  constructor(options: ClickHouseConnectionOptions) {
    let endpoint: URL;
    try {
      endpoint = new URL(options.url);
    } catch {
      throw new Error(`ClickHouse URL "${options.url}" is not a URL; give one like http://127.0.0.1:8123`);
    }
    if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
      throw new Error(`ClickHouse URL must start with http:// or https://, not ${endpoint.protocol}//`);
    }
    const user = options.user ?? (endpoint.username ? decodeURIComponent(endpoint.username) : undefined);
    const password = options.password ?? decodeURIComponent(endpoint.password);
    endpoint.username = '';
    endpoint.password = '';
    this.database = options.database ?? 'default';
    if (!identifier.test(this.database)) {
      throw new Error(`database "${this.database}" is not a plain ClickHouse identifier (letters, digits, _)`);
    }
    this.endpoint = endpoint;
    this.description = `${endpoint.origin}${endpoint.pathname === '/' ? '' : endpoint.pathname}`;
    this.authorization =
      user === undefined ? undefined : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 300_000;
    this.agent = new (endpoint.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 4 });
  }

  /**
   * Runs one statement. With `body`, the statement goes in the URL and the body is its data (an
   * INSERT's rows); otherwise the statement is the body. `parameters` go in the URL too: settings
   * and query_id. Resolves with the response text.
   */
  query(
    sql: string,
    options: { body?: Uint8Array; parameters?: Record<string, string | number> } = {}
  ): Promise<string> {
    const url = new URL(this.endpoint);
    url.searchParams.set('database', this.database);
    for (const [name, value] of Object.entries(options.parameters ?? {})) {
      url.searchParams.set(name, String(value));
    }
    if (options.body) {
      url.searchParams.set('query', sql);
    }
    if (this.closed) {
      // Its owner has moved on (a restart hands the same batches to a new connection): sending now could double them.
      return Promise.reject(new Error(`the connection to ClickHouse at ${this.description} is closed`));
    }
    const body = options.body ?? Buffer.from(sql);
    const request = (url.protocol === 'https:' ? https : http).request;
    return new Promise((resolve, reject) => {
      const outgoing = request(url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          'Content-Length': body.length,
          ...(this.authorization ? { Authorization: this.authorization } : {}),
        },
      });
      outgoing.setTimeout(this.requestTimeoutMs, () =>
        outgoing.destroy(new Error(`no answer within ${this.requestTimeoutMs / 1000} s`))
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          new ClickHouseError(
            `cannot reach ClickHouse at ${this.description} (${error.code ?? error.message})`,
            'unreachable',
            undefined,
            undefined
          )
        )
      );
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) =>
          reject(
            new ClickHouseError(
              `ClickHouse at ${this.description} broke off its answer (${error.code ?? error.message})`,
              'unreachable',
              undefined,
              undefined
            )
          )
        );
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (response.statusCode === 200) {
            resolve(text);
            return;
          }
          reject(this.serverError(sql, response.statusCode ?? 0, text));
        });
      });
      outgoing.end(body);
    });
  }

  /** Ends requests in flight and refuses new ones. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  private serverError(sql: string, status: number, text: string): ClickHouseError {
    const code = /Code: (\d+)/.exec(text)?.[1];
    const codeNumber = code === undefined ? undefined : Number(code);
    const message = text
      .replace(/, e\.what\(\) = DB::Exception/, '')
      .trim()
      .slice(0, 600);
    const hint = codeNumber === undefined ? undefined : hints[codeNumber];
    const statement = sql.length > 80 ? `${sql.slice(0, 77)}...` : sql;
    return new ClickHouseError(
      `ClickHouse at ${this.description} refused "${statement}" (HTTP ${status}): ${message}${hint ? `; ${hint}` : ''}`,
      'server',
      codeNumber,
      status
    );
  }
}

/** Checks a table or database name before it goes into SQL text. */
export function plainIdentifier(name: string, what: string): string {
  if (!identifier.test(name)) {
    throw new Error(`${what} "${name}" is not a plain ClickHouse identifier (letters, digits, _)`);
  }
  return name;
}

/** A ClickHouse string literal: values from the input (a clusterUUID) go into SQL text only so. */
export function stringLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
