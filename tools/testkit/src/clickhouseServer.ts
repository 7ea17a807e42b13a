import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './freePort.ts';

const serverBinary = process.env.CLICKHOUSE_SERVER_BIN ?? '/usr/sbin/clickhouse-server';

export interface ClickHouseServerOptions {
  /** A users.d folder merged over the built-in `default` user, e.g. provisioning/clickhouse/users.d. */
  usersDir?: string;
  /** Environment for the server, e.g. passwords that users.d reads with from_env. */
  env?: Record<string, string>;
  /** A listen port chosen by the caller, e.g. when other servers' configs must name it beforehand. */
  port?: number;
  /** More server configuration inside <yandex>, e.g. a cluster's <remote_servers>. */
  configXml?: string;
  /** More settings of the default profile, e.g. <insert_distributed_sync>1</insert_distributed_sync>. */
  profileXml?: string;
}

/**
 * A real clickhouse-server (Debian's 18.16 package) with its data in a temp dir, listening on a free
 * loopback HTTP port. `stop()` and `start()` let tests kill and restore it mid-load.
 */
export class ClickHouseServer {
  readonly url: string;
  readonly dir: string;
  private process: ChildProcess | undefined;
  private readonly configPath: string;
  private readonly env: Record<string, string>;

  private constructor(port: number, dir: string, configPath: string, env: Record<string, string>) {
    this.url = `http://127.0.0.1:${port}`;
    this.dir = dir;
    this.configPath = configPath;
    this.env = env;
  }

  static async launch(options: ClickHouseServerOptions = {}): Promise<ClickHouseServer> {
    if (!existsSync(serverBinary)) {
      throw new Error(
        `${serverBinary} is missing: install Debian's clickhouse-server (bash .ci/install-system-parts.sh) or set CLICKHOUSE_SERVER_BIN`
      );
    }
    const port = options.port ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'flowlens-clickhouse-'));
    const configPath = join(dir, 'config.xml');
    writeFileSync(configPath, serverConfig(port, dir, options.configXml ?? ''));
    writeFileSync(join(dir, 'users.xml'), userConfig(options.profileXml ?? ''));
    if (options.usersDir) {
      cpSync(options.usersDir, join(dir, 'users.d'), { recursive: true });
    }
    const server = new ClickHouseServer(port, dir, configPath, options.env ?? {});
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    if (this.process) {
      return;
    }
    const child = spawn(serverBinary, [`--config-file=${this.configPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) {
        this.process = undefined;
      }
    });
    await waitFor(`clickhouse-server at ${this.url}`, async () => {
      if (!this.process) {
        throw new Error(`clickhouse-server exited: ${stderr}`);
      }
      const response = await fetch(`${this.url}/ping`);
      return response.ok;
    });
  }

  /** Kills the server without a clean shutdown, like a crashed or OOM-killed pod. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.process = undefined;
  }

  /** Runs one statement over HTTP as `default` and returns the response body. */
  async query(sql: string, user = 'default', password = ''): Promise<string> {
    // User and password both as headers: 18.16 refuses a mix of URL parameter and header (code 194).
    const response = await fetch(this.url, {
      method: 'POST',
      body: sql,
      headers: { 'X-ClickHouse-User': user, 'X-ClickHouse-Key': password },
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`ClickHouse ${response.status}: ${text.trim()}`);
    }
    return text;
  }

  async close(): Promise<void> {
    const child = this.process;
    if (child) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      this.process = undefined;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function serverConfig(port: number, dir: string, extra: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${port}</http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>200</max_concurrent_queries>
  ${extra}
</yandex>
`;
}

const userConfig = (profileXml: string) => `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><max_memory_usage>4000000000</max_memory_usage>${profileXml}</default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
