import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from 'chdb';

/**
 * A test fixture: ClickHouse's HTTP interface in front of an in-process chDB session (the ClickHouse
 * 26.x engine), so code that speaks HTTP to ClickHouse — @clickhouse/client, our backend — can be run
 * against modern SQL semantics and Arrow output here, where the only real server is Debian's 18.16.
 *
 * Emulated, not real: authentication (one configured user), `readonly` (statements other than
 * reads are refused, as ClickHouse does), and cancellation (chDB cannot stop a running query; the
 * response is simply dropped). Settings are applied with SET around each query, one query at a time.
 */
export interface ChdbHttpServer {
  url: string;
  close(): Promise<void>;
}

export interface ChdbHttpServerOptions {
  session: Session;
  username?: string;
  password?: string;
}

const notSettings = new Set([
  'query',
  'query_id',
  'database',
  'user',
  'password',
  'default_format',
  'session_id',
  'session_timeout',
  'session_check',
  'compress',
  'decompress',
  'buffer_size',
  'wait_end_of_query',
  'role',
  'readonly',
  'enable_http_compression',
]);

// Statements that change data or schema, which ClickHouse refuses in readonly mode; anything else runs
// (so a misspelt SELECT still gets chDB's syntax error).
const writeStatement =
  /^\s*(INSERT|CREATE|DROP|ALTER|TRUNCATE|RENAME|OPTIMIZE|SYSTEM|GRANT|REVOKE|DETACH|ATTACH|DELETE|UPDATE|SET\s+ROLE|EXCHANGE|UNDROP|BACKUP|RESTORE)\b/i;

export async function startChdbHttpServer(options: ChdbHttpServerOptions): Promise<ChdbHttpServer> {
  const username = options.username ?? 'default';
  const password = options.password ?? '';
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const version = options.session.query('SELECT version()', 'TSV').trim();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500).end(String(error));
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fixture');
    if (url.pathname === '/ping') {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('Ok.\n');
      return;
    }
    const body = await readBody(request);
    const params = url.searchParams;
    const credentials = requestCredentials(request, params);
    if (credentials.user !== username || credentials.password !== password) {
      sendError(
        response,
        516,
        'AUTHENTICATION_FAILED',
        `${credentials.user}: Authentication failed: password is incorrect, or there is no user with such name.`,
        version
      );
      return;
    }
    const sql = [params.get('query') ?? '', body].filter((part) => part.length > 0).join('\n');
    const readonly = Number(params.get('readonly') ?? '0');
    if (readonly > 0 && writeStatement.test(sql)) {
      sendError(response, 164, 'READONLY', 'Cannot execute query in readonly mode.', version);
      return;
    }
    const explicitFormat = /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(sql)?.[1];
    const format = explicitFormat ?? params.get('default_format') ?? 'TabSeparated';
    const settings = [...params.entries()].filter(([name]) => !notSettings.has(name));
    try {
      const result = await serialized(async () => {
        for (const [name, value] of settings) {
          options.session.query(
            `SET ${name} = ${/^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}`
          );
        }
        try {
          return await options.session.queryAsync(sql, { format });
        } finally {
          for (const [name] of settings) {
            options.session.query(`SET ${name} = DEFAULT`);
          }
        }
      });
      const bytes = result.bytes();
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'X-ClickHouse-Format': format,
        'X-ClickHouse-Query-Id': params.get('query_id') ?? '',
        'X-ClickHouse-Timezone': 'UTC',
        'X-ClickHouse-Summary': JSON.stringify({
          read_rows: String(result.rowsRead),
          read_bytes: String(result.bytesRead),
        }),
      });
      response.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(/^Query failed:\s*/, '');
      const code = /Code: (\d+)\./.exec(message)?.[1] ?? '1002';
      response.writeHead(code === '60' ? 404 : 500, {
        'Content-Type': 'text/plain',
        'X-ClickHouse-Exception-Code': code,
      });
      response.end(/^Code: \d+\./.test(message) ? `${message}\n` : `Code: ${code}. DB::Exception: ${message}\n`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function requestCredentials(request: IncomingMessage, params: URLSearchParams): { user: string; password: string } {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return {
    user: String(request.headers['x-clickhouse-user'] ?? params.get('user') ?? 'default'),
    password: String(request.headers['x-clickhouse-key'] ?? params.get('password') ?? ''),
  };
}

function sendError(response: ServerResponse, code: number, name: string, message: string, version: string): void {
  response.writeHead(code === 516 ? 403 : 500, {
    'Content-Type': 'text/plain',
    'X-ClickHouse-Exception-Code': String(code),
  });
  response.end(`Code: ${code}. DB::Exception: ${message} (${name}) (version ${version})\n`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
