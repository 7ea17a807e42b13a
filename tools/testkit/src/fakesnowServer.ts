import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './freePort.ts';

/** Where .ci/install-system-parts.sh puts fakesnow: its own venv, so its pins stay apart. */
export const fakesnowVenv = process.env.FLOWLENS_FAKESNOW_VENV ?? join(homedir(), '.cache', 'flowlens', 'fakesnow');

export interface FakesnowUser {
  name: string;
  password?: string;
  /** PEM SubjectPublicKeyInfo of the user's key pair (ALTER USER … SET RSA_PUBLIC_KEY). */
  publicKey?: string;
  oauthToken?: string;
}

export interface FakesnowServerOptions {
  /** Check logins against these users, as Snowflake does; without them any login is accepted (fakesnow's way). */
  users?: FakesnowUser[];
}

/** What clients sent, as recorded by the server (no secrets). */
export interface FakesnowRequests {
  logins: Array<{
    user: string;
    account: string;
    authenticator: string;
    role: string | null;
    warehouse: string | null;
    database: string | null;
    schema: string | null;
  }>;
  statements: Array<{ requestId: string; sqlText: string; parameters: Record<string, unknown> }>;
  aborts: Array<{ requestId?: string; queryId?: string; stopped: boolean }>;
  /** Request ids of statements running now. */
  running: string[];
}

/**
 * PyPI's fakesnow (Snowflake emulated on DuckDB) on a free loopback port, behind
 * fakesnow/fakesnow_for_node.py, which adds what the Node.js driver needs and fakesnow lacks: JSON
 * results, login checks, cancellation and statement timeouts. Point snowflake-sdk at `accessUrl`.
 */
export class FakesnowServer {
  private constructor(
    readonly accessUrl: string,
    private readonly child: ChildProcess,
    private readonly dir: string
  ) {}

  static async launch(options: FakesnowServerOptions = {}): Promise<FakesnowServer> {
    const python = join(fakesnowVenv, 'bin', 'python');
    const probe = existsSync(python)
      ? spawnSync(python, ['-c', 'import fakesnow.server'], { encoding: 'utf8' })
      : undefined;
    if (!probe || probe.status !== 0) {
      throw new Error(
        `fakesnow is not installed in ${fakesnowVenv} (${probe?.stderr.trim().split('\n').pop() ?? 'no python there'}): ` +
          'run bash .ci/install-system-parts.sh, or set FLOWLENS_FAKESNOW_VENV to a venv with fakesnow[server]'
      );
    }
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'flowlens-fakesnow-'));
    const args = [join(import.meta.dirname, 'fakesnow', 'fakesnow_for_node.py'), '--port', String(port)];
    if (options.users) {
      const usersFile = join(dir, 'users.json');
      writeFileSync(usersFile, JSON.stringify(options.users));
      args.push('--users', usersFile);
    }
    // fakesnow keeps staged files under the working directory; keep them in the temp dir.
    const child = spawn(python, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let exited = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('exit', () => {
      exited = true;
    });
    const server = new FakesnowServer(`http://127.0.0.1:${port}`, child, dir);
    try {
      await waitFor(`fakesnow at ${server.accessUrl}`, async () => {
        if (exited) {
          throw new Error(`fakesnow exited: ${stderr}`);
        }
        return (await fetch(`${server.accessUrl}/flowlens/requests`)).ok;
      });
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** Logins, statements and aborts the server has seen so far. */
  async requests(): Promise<FakesnowRequests> {
    return (await (await fetch(`${this.accessUrl}/flowlens/requests`)).json()) as FakesnowRequests;
  }

  /**
   * Test setup: bulk-loads a CSV with a header line (flowgen's --sink csv: times as unix seconds) into
   * `DATABASE.SCHEMA.TABLE`, as COPY INTO would; fakesnow's INSERTs take milliseconds a row.
   */
  async loadCsv(table: string, path: string): Promise<number> {
    const response = await fetch(`${this.accessUrl}/flowlens/load-csv`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ table, path }),
    });
    if (!response.ok) {
      throw new Error(
        `fakesnow could not load ${path} into ${table}: HTTP ${response.status} ${await response.text()}`
      );
    }
    return ((await response.json()) as { rows: number }).rows;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
