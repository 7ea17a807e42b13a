import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { credentials, type Client, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadProtocol } from '../../src/protocol/protoDefinitions.ts';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
export const pluginExecutable = join(repoRoot, 'plugins/flows-datasource/dist/gpx_flowlens_flows_linux_amd64');

type Callback = (error: Error | null, response: unknown) => void;
type UnaryMethod = (request: unknown, callback: Callback) => { cancel(): void };

/** gRPC clients for every service a plugin serves, as Grafana's go-plugin client holds them. */
export interface PluginConnection {
  call(
    service: 'Data' | 'Diagnostics' | 'Resource' | 'Controller' | 'Health',
    method: string,
    request: unknown
  ): Promise<unknown>;
  /** Starts a unary call and returns a handle that can cancel it, as Grafana does when a panel goes away. */
  start(service: 'Data', method: string, request: unknown): { result: Promise<unknown>; cancel(): void };
  client(service: 'Data' | 'Diagnostics' | 'Resource' | 'Controller' | 'Health'): Client;
  close(): void;
}

export interface PluginProcess extends Omit<PluginConnection, 'close'> {
  process: ChildProcess;
  handshake: string;
  /** Everything the plugin wrote to stderr (its hclog JSON lines). */
  stderr(): string;
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

const servicePaths = {
  Data: 'pluginv2.Data',
  Diagnostics: 'pluginv2.Diagnostics',
  Resource: 'pluginv2.Resource',
  Controller: 'plugin.GRPCController',
  Health: 'grpc.health.v1.Health',
} as const;

function serviceClient(root: GrpcObject, path: string): ServiceClientConstructor {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root) as ServiceClientConstructor;
}

/** Connects to a plugin's gRPC server at `address` (e.g. `unix:/tmp/…/plugin.sock`). */
export function connectPlugin(address: string): PluginConnection {
  const root = loadProtocol();
  const clients = new Map<string, Client>();
  const client = (service: keyof typeof servicePaths): Client => {
    let existing = clients.get(service);
    if (!existing) {
      const Constructor = serviceClient(root, servicePaths[service]);
      existing = new Constructor(address, credentials.createInsecure(), {
        'grpc.max_receive_message_length': -1,
      });
      clients.set(service, existing);
    }
    return existing;
  };
  const start = (service: keyof typeof servicePaths, method: string, request: unknown) => {
    let call: { cancel(): void } | undefined;
    const result = new Promise<unknown>((done, fail) => {
      const stub = (client(service) as unknown as Record<string, UnaryMethod>)[method]!.bind(client(service));
      call = stub(request, (error, response) => (error ? fail(error) : done(response)));
    });
    return { result, cancel: () => call?.cancel() };
  };
  return {
    client,
    start,
    call: (service, method, request) => start(service, method, request).result,
    close: () => {
      for (const c of clients.values()) c.close();
    },
  };
}

/**
 * Launches the backend executable the way Grafana's go-plugin client does (magic cookie, protocol
 * versions, socket dir in the environment), reads the handshake line and connects over the socket.
 */
export async function launchPlugin(
  env: Record<string, string> = {},
  /** Another build of the executable, and a command to run it through (e.g. qemu for arm64). */
  target: { executable: string; runner?: string[] } = { executable: pluginExecutable }
): Promise<PluginProcess> {
  if (!existsSync(target.executable)) {
    throw new Error(`${target.executable} is missing: run "npm run build" first`);
  }
  const socketDir = mkdtempSync(join(tmpdir(), 'flowlens-plugin-'));
  const [command, ...args] = [...(target.runner ?? []), target.executable];
  const child = spawn(command!, args, {
    env: {
      PATH: process.env.PATH ?? '',
      grafana_plugin_type: 'datasource',
      PLUGIN_PROTOCOL_VERSIONS: '2',
      PLUGIN_UNIX_SOCKET_DIR: socketDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const handshake = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => done(line));
    child.once('exit', (code) => fail(new Error(`plugin exited (${code}) before the handshake: ${stderr}`)));
  });
  const [, , network, address] = handshake.split('|');
  if (network !== 'unix' || !address) {
    throw new Error(`unexpected handshake line "${handshake}"`);
  }
  const connection = connectPlugin(`unix:${address}`);
  return {
    process: child,
    handshake,
    stderr: () => stderr,
    client: connection.client,
    start: connection.start,
    call: connection.call,
    exited: () => exit,
    stop: async () => {
      connection.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exit;
      }
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

export interface DatasourceFixture {
  url: string;
  username?: string;
  password?: string;
  rowLimit?: number;
  queryTimeoutSeconds?: number;
  updatedMs?: number;
}

/** A pluginContext as Grafana sends it for a ClickHouse FlowLens datasource. */
export function pluginContext(datasource: DatasourceFixture): unknown {
  return {
    orgId: 1,
    pluginId: 'flowlens-flows-datasource',
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'flowlens-test',
      name: 'FlowLens test',
      jsonData: Buffer.from(
        JSON.stringify({
          engine: 'clickhouse',
          url: datasource.url,
          username: datasource.username ?? 'default',
          rowLimit: datasource.rowLimit,
          queryTimeoutSeconds: datasource.queryTimeoutSeconds,
        })
      ),
      decryptedSecureJsonData: datasource.password ? { password: datasource.password } : {},
      lastUpdatedMS: datasource.updatedMs ?? 1,
    },
  };
}

export interface SqlQuery {
  refId: string;
  rawSql?: string;
  format?: 'table' | 'timeseries';
  json?: unknown;
  fromMs?: number;
  toMs?: number;
}

export function queryDataRequest(datasource: DatasourceFixture, queries: SqlQuery[]): unknown {
  return {
    pluginContext: pluginContext(datasource),
    queries: queries.map((query) => ({
      refId: query.refId,
      maxDataPoints: 1000,
      intervalMS: 60_000,
      timeRange: { fromEpochMS: query.fromMs ?? 0, toEpochMS: query.toMs ?? Date.now() },
      json: Buffer.from(
        JSON.stringify(
          query.json ?? { refId: query.refId, queryType: 'sql', format: query.format ?? 'table', rawSql: query.rawSql }
        )
      ),
      queryType: '',
    })),
  };
}

export interface WireDataResponse {
  frames: Buffer[];
  error: string;
  status: number;
  errorSource: string;
}

export function responsesOf(response: unknown): Record<string, WireDataResponse> {
  return (response as { responses: Record<string, WireDataResponse> }).responses;
}
