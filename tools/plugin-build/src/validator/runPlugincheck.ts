import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** One finding, as the validator's -jsonOutput writes it. */
export interface ValidatorDiagnostic {
  Severity: 'error' | 'warning' | 'suspected' | 'recommendation' | 'ok';
  Title: string;
  Detail: string;
  Context?: string;
  /** The rule's id, e.g. "relative-link". */
  Name: string;
}

export interface PlugincheckRun {
  /** The plugin id and version the validator read from the archive's plugin.json. */
  id: string;
  version: string;
  /** Findings by analyzer name. */
  diagnostics: Record<string, ValidatorDiagnostic[]>;
  /** Analyzers in the order the validator started them; it starts each one before its dependencies. */
  started: string[];
  /** Set when the validator stopped early: it ends its run at the first analyzer that fails. */
  failure?: string;
}

// Go's default HTTP transport, which every request of the validator uses, honours these variables:
// each request goes to a closed port on loopback instead of the internet.
export const closedLoopbackProxy = 'http://127.0.0.1:9';

function isolatedEnvironment(tmp: string): NodeJS.ProcessEnv {
  return {
    // Logs "Running analyzer <name>" and "check failed: <error>" on stdout: how we know what ran.
    DEBUG: '1',
    // No npx, git, clamscan or anything else the validator could start to reach the network.
    PATH: '',
    HTTP_PROXY: closedLoopbackProxy,
    HTTPS_PROXY: closedLoopbackProxy,
    http_proxy: closedLoopbackProxy,
    https_proxy: closedLoopbackProxy,
    NO_PROXY: '',
    no_proxy: '',
    // The validator extracts the zip (tens of MB) into TMPDIR per analyzer run and leaves it there: give it
    // a folder of ours, removed with the run, or every `npm run validate` leaves gigabytes in /tmp.
    TMPDIR: tmp,
    HOME: process.env.HOME,
  };
}

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));
}

let launcher: string[] | undefined;

/**
 * A network namespace of our own, where only an unconfigured loopback exists, when the kernel lets an
 * unprivileged user make one (util-linux's unshare); the loopback proxy above covers machines where not.
 */
export function networkNamespaceLauncher(): string[] {
  if (!launcher) {
    const unshare = onPath('unshare');
    const command = unshare ? [unshare, '--net', '--map-root-user'] : [];
    const works = unshare && spawnSync(command[0]!, [...command.slice(1), process.execPath, '-e', '0']).status === 0;
    launcher = works ? command : [];
  }
  return launcher;
}

export function isolationDescription(): string {
  return networkNamespaceLauncher().length > 0
    ? 'no network: own network namespace (unshare), HTTP(S) proxy set to a closed loopback port, empty PATH'
    : 'no network: HTTP(S) proxy set to a closed loopback port, empty PATH (unshare unavailable)';
}

function execute(argv: string[], tmp: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: isolatedEnvironment(tmp), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs Grafana's plugin validator on a zip without network: all analyzers, or only `analyzer` and its dependencies. */
export async function runPlugincheck(validator: string, zip: string, analyzer?: string): Promise<PlugincheckRun> {
  const out = mkdtempSync(join(tmpdir(), 'flowlens-plugincheck-'));
  try {
    const jsonPath = join(out, 'result.json');
    const only = analyzer ? ['-analyzer', analyzer] : [];
    const argv = [...networkNamespaceLauncher(), validator, '-jsonOutput', '-output-to-file', jsonPath, ...only];
    const tmp = join(out, 'tmp');
    mkdirSync(tmp);
    const { code, stdout, stderr } = await execute([...argv, resolve(zip)], tmp);
    // Exit code 1 means "found errors"; anything else, or no result, means the validator itself failed.
    if ((code !== 0 && code !== 1) || !existsSync(jsonPath)) {
      throw new Error(`${validator} ${only.join(' ')} ${zip} exited with ${code}:\n${stderr || stdout}`);
    }
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
      id: string;
      version: string;
      'plugin-validator': Record<string, ValidatorDiagnostic[]>;
    };
    const debug = stdout.split('\n').filter((line) => line.startsWith('[DEBUG] '));
    const started = debug.flatMap((line) => /^\[DEBUG\] Running analyzer (\S+)$/.exec(line)?.[1] ?? []);
    const failure = debug.map((line) => /^\[DEBUG\] check failed: (.*)$/.exec(line)?.[1]).find(Boolean);
    return { id: result.id, version: result.version, diagnostics: result['plugin-validator'], started, failure };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
