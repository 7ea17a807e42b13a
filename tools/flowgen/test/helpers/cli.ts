import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const flowgenBin = resolve(import.meta.dirname, '../../bin/flowgen.mjs');

/** Node's arguments for the flowgen command with `args`, with the flag its shebang gives Node. */
export function flowgenNodeArgs(args: string[]): string[] {
  return ['--no-concurrent-recompilation', flowgenBin, ...args];
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs the flowgen command as a user would; `during` can signal it while it runs. A run that has not
 * ended after `limitMs` is killed and fails with what it wrote, so a hang says where it hung instead
 * of running into the test's own timeout with nothing to show.
 */
export function runFlowgen(
  args: string[],
  options: { env?: Record<string, string>; during?: (child: ReturnType<typeof spawn>) => void; limitMs?: number } = {}
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, flowgenNodeArgs(args), {
      env: { ...process.env, CLICKHOUSE_URL: '', CLICKHOUSE_USER: '', CLICKHOUSE_PASSWORD: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new Error(
          `flowgen ${args.join(' ')} had not ended after ${(options.limitMs ?? 90_000) / 1000} s; it wrote ${Buffer.concat(stdout).length} bytes to stdout, and to stderr: ${stderr || '(nothing)'}`
        )
      );
    }, options.limitMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(limit);
      fail(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      done({ code, signal, stdout: Buffer.concat(stdout), stderr });
    });
    options.during?.(child);
  });
}
