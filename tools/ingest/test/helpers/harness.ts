import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { applySchema, clickhouseSchemaTarget } from '@flowlens/flowgen';
import { ClickHouseServer } from '@flowlens/testkit';
import { startIngest, type IngestService, type IngestServiceOptions } from '../../src/index.ts';

export const token = 'test-token-7f3a9c';

/** Debian's clickhouse-server 18.16 on a free loopback port, with FlowLens's schema applied. */
export async function clickhouseWithSchema(): Promise<ClickHouseServer> {
  const server = await ClickHouseServer.launch();
  const target = clickhouseSchemaTarget({ url: server.url });
  try {
    await applySchema(target, { retentionHours: 0, log: () => undefined });
  } finally {
    target.close();
  }
  return server;
}

export interface Harness {
  service: IngestService;
  dataDir: string;
  logs: string[];
  restart(overrides?: Partial<IngestServiceOptions>): Promise<void>;
  close(): Promise<void>;
}

/** flowlens-ingest on free loopback ports, its buffer in a temp dir, writing to `clickhouseUrl`. */
export async function startHarness(
  clickhouseUrl: string,
  overrides: Partial<IngestServiceOptions> = {}
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowlens-ingest-'));
  const logs: string[] = [];
  const options = (more: Partial<IngestServiceOptions>): IngestServiceOptions => ({
    clickhouse: { url: clickhouseUrl },
    dataDir,
    tcpPort: 0,
    httpPort: 0,
    token,
    log: (line) => logs.push(line),
    ...overrides,
    ...more,
  });
  const harness: Harness = {
    service: await startIngest(options({})),
    dataDir,
    logs,
    restart: async (more = {}) => {
      await harness.service.close();
      harness.service = await startIngest(options(more));
    },
    close: async () => {
      await harness.service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Writes lines to the TCP input as `nc` would, and closes the connection. */
export function sendTcp(port: number, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end(lines.map((line) => `${line}\n`).join(''));
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

export async function post(
  port: number,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = { Authorization: `Bearer ${token}` },
  gzip = false
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    body: new Uint8Array(gzip ? gzipSync(body) : Buffer.from(body)),
    headers: { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Record<string, unknown> };
}

/** Polls until `check` holds, or fails with what it last saw. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 60_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (check(last)) return last;
    } catch {
      // the server may be down right now
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
}
