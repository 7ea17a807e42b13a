import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const flowgenBin = resolve(import.meta.dirname, '../../bin/flowgen.mjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the flowgen command as a user would; `during` can signal it while it runs. */
export function runFlowgen(
  args: string[],
  options: { env?: Record<string, string>; during?: (child: ReturnType<typeof spawn>) => void } = {}
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [flowgenBin, ...args], {
      env: { ...process.env, CLICKHOUSE_URL: '', CLICKHOUSE_USER: '', CLICKHOUSE_PASSWORD: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout: Buffer.concat(stdout), stderr }));
    options.during?.(child);
  });
}
