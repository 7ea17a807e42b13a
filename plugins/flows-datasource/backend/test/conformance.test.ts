import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntoChdb, loadIntoClickHouse } from '@flowlens/flowgen';
import { startChdbHttpServer } from '@flowlens/testkit';
import { startLegacyClickHouse } from './support/engines.ts';

// The Go conformance suite (conformance/README.md) launches the built executable through
// hashicorp/go-plugin and grafana-plugin-sdk-go exactly as Grafana's server does. This runs it
// against both ClickHouse paths of the backend: Arrow (ClickHouse 26 via chDB) and rows (18.16).

const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
// FLOWLENS_PLUGIN_BINARY points the suite at another build of the executable.
const pluginBinary =
  process.env.FLOWLENS_PLUGIN_BINARY ?? resolve(import.meta.dirname, `../../dist/gpx_flowlens_flows_linux_${arch}`);
const conformanceDir = join(import.meta.dirname, 'conformance');
const reader = { user: 'flowlens_reader', password: 'reader-secret' };
const writer = { user: 'flowlens_writer', password: 'writer-secret' };
// The first run downloads the Go modules (go.sum is committed) and compiles the SDK; later runs
// use Go's caches and take seconds. The suite itself runs in well under a minute.
const compileTimeoutMs = 20 * 60_000;
const suiteTimeoutMs = 5 * 60_000;
const quiet = { log: () => undefined };

/** One flow whose counter is above 2^53, so exactness is checked on table data, not only on literals. */
function bigCounterFlow(endSeconds: number): string {
  return `INSERT INTO flows (flowStartSeconds, flowEndSeconds, sourcePodNamespace, sourcePodName, destinationPodNamespace,
    destinationPodName, protocolIdentifier, octetTotalCount, octetDeltaCount, packetDeltaCount, flowType)
    VALUES (toDateTime(${endSeconds - 30}), toDateTime(${endSeconds}), 'conformance', 'big-counter', 'conformance',
    'sink', 6, toUInt64('9007199254740993'), 1500, 1, 1)`;
}

interface GoRun {
  exitCode: number | null;
  output: string;
}

/** Runs `go <args>` in the conformance module; on timeout kills its whole process group (go, test binary, plugins). */
function runGo(args: string[], timeoutMs: number, env: Record<string, string> = {}): Promise<GoRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('go', args, {
      cwd: conformanceDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[conformance.test.ts] go ${args.join(' ')} did not finish within ${timeoutMs / 60_000} minutes; killed\n`;
      if (child.pid !== undefined) {
        process.kill(-child.pid, 'SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run "go" from PATH (install Go 1.26): ${error.message}`));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, output });
    });
  });
}

/** Downloads the modules and compiles the test binary once, so each suite run below only links and runs. */
async function compileSuite(): Promise<void> {
  const out = join(mkdtempSync(join(tmpdir(), 'flowlens-conformance-go-')), 'conformance.test');
  const run = await runGo(['test', '-c', '-o', out, '.'], compileTimeoutMs);
  rmSync(dirname(out), { recursive: true, force: true });
  if (run.exitCode !== 0) {
    throw new Error(`go test -c in ${conformanceDir} failed (exit code ${run.exitCode}):\n${run.output}`);
  }
}

function runGoSuite(clickhouseUrl: string): Promise<GoRun> {
  return runGo(['test', '-count=1', '-v', './...'], suiteTimeoutMs, {
    FLOWLENS_PLUGIN_BINARY: pluginBinary,
    FLOWLENS_CLICKHOUSE_URL: clickhouseUrl,
    FLOWLENS_CLICKHOUSE_USER: reader.user,
    FLOWLENS_CLICKHOUSE_PASSWORD: reader.password,
  });
}

function expectPassed(run: GoRun): void {
  if (run.exitCode !== 0 || !/^ok\s/m.test(run.output) || /--- SKIP/.test(run.output)) {
    // The whole Go output, so a CI log shows which check failed and why.
    console.error(`go test ./... in ${conformanceDir} (exit code ${run.exitCode}):\n${run.output}`);
  }
  expect(run.exitCode, 'go test failed; its output is printed above').toBe(0);
  expect(run.output, 'go test printed no "ok" line').toMatch(/^ok\s+\S+/m);
  expect(run.output, 'a Go test was skipped; inputs must never be optional').not.toMatch(/--- SKIP/);
}

function requireExecutable(): void {
  if (!existsSync(pluginBinary)) {
    throw new Error(`${pluginBinary} is missing: run npm run build first`);
  }
}

beforeAll(async () => {
  requireExecutable();
  await compileSuite();
}, compileTimeoutMs + 30_000);

describe('Go conformance suite (go-plugin + grafana-plugin-sdk-go) against ClickHouse 26 via chDB (Arrow path)', () => {
  let dir: string;
  let session: Session | undefined;
  let http: { url: string; close(): Promise<void> } | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-conformance-chdb-'));
    session = new Session(dir);
    await loadIntoChdb(session, {
      seed: 11,
      from: 'now-2h',
      count: 4000,
      applySchema: { retentionHours: 0, ...quiet },
    });
    session.query(bigCounterFlow(Math.floor(Date.now() / 1000) - 60));
    http = await startChdbHttpServer({ session, username: reader.user, password: reader.password });
  });
  afterAll(async () => {
    await http?.close();
    session?.close();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'passes',
    async () => {
      expectPassed(await runGoSuite(http!.url));
    },
    suiteTimeoutMs + 30_000
  );
});

describe("Go conformance suite (go-plugin + grafana-plugin-sdk-go) against Debian's ClickHouse 18.16 (row path)", () => {
  let server: Awaited<ReturnType<typeof startLegacyClickHouse>> | undefined;

  beforeAll(async () => {
    server = await startLegacyClickHouse();
    // 02/03 need newer servers; flowgen's schema applier skips them on 18.16 and says so.
    await loadIntoClickHouse({
      url: server.url,
      ...writer,
      seed: 11,
      from: 'now-2h',
      count: 4000,
      applySchema: { retentionHours: 0, ...quiet },
      ...quiet,
    });
    await server.query(bigCounterFlow(Math.floor(Date.now() / 1000) - 60));
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'passes',
    async () => {
      expectPassed(await runGoSuite(server!.url));
    },
    suiteTimeoutMs + 30_000
  );
});
