import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface StartSample {
  /** From spawn to the handshake line on stdout. */
  wallMs: number;
  /** CPU time the process had used by then (all threads): what start costs when no other work waits. */
  cpuMs: number;
  /** Resident memory a while after the handshake, and the anonymous part of it (heaps, not mapped files). */
  rssMb: number;
  anonMb: number;
}

/**
 * A copy of an executable written 32 KiB at a time, as Grafana's plugin installer (Go's io.Copy)
 * unpacks it. The RSS of a file-backed binary depends on how its pages sit in the page cache: a file
 * written in one 100 MB write (postject's) is cached in large folios, each mapped whole on first touch,
 * which adds ~12 MB of RSS to the same bytes written in small pieces.
 */
export function installedCopy(executable: string): string {
  const target = join(mkdtempSync(join(tmpdir(), 'flowlens-bench-')), 'plugin');
  const from = openSync(executable, 'r');
  const to = openSync(target, 'w', 0o755);
  const buffer = Buffer.alloc(32 * 1024);
  for (let read = readSync(from, buffer); read > 0; read = readSync(from, buffer)) {
    writeSync(to, buffer, 0, read);
  }
  closeSync(from);
  closeSync(to);
  return target;
}

function cpuMsOf(pid: number): number {
  // schedstat's first field: nanoseconds on a CPU, per thread.
  return readdirSync(`/proc/${pid}/task`).reduce(
    (sum, task) => sum + Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6,
    0
  );
}

function statusMb(pid: number, field: 'VmRSS' | 'RssAnon'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** Starts `command` as Grafana would (magic cookie set), `runs` times, one at a time, sampling memory `idleMs` after the handshake. */
export async function measureStarts(command: string[], runs: number, idleMs = 200): Promise<StartSample[]> {
  const samples: StartSample[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = spawn(command[0]!, command.slice(1), {
      env: { PATH: process.env.PATH ?? '', grafana_plugin_type: 'datasource' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await new Promise<void>((resolve) => createInterface({ input: child.stdout }).once('line', () => resolve()));
    const wallMs = performance.now() - started;
    const cpuMs = cpuMsOf(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    samples.push({ wallMs, cpuMs, rssMb: statusMb(child.pid!, 'VmRSS'), anonMb: statusMb(child.pid!, 'RssAnon') });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return samples;
}
