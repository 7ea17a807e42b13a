import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Session } from 'chdb';

const execute = promisify(execFile);
const queryOnce = join(import.meta.dirname, 'queryOnce.ts');

export interface OneQueryResult {
  ms: number;
  /** RSS once warm, and its peak during the measured query (MiB). */
  rssMb: number;
  peakRssMb: number;
  /** Rows of the answer's frames. */
  rows: number;
}

/**
 * One QueryData query in a child process (queryOnce.ts), so the peak RSS measured is the query's own,
 * not the bench's chDB session's. Throws the query's error, prefixed with `what`.
 */
export async function queryInOwnProcess(
  what: string,
  url: string,
  timeRange: { fromMs: number; toMs: number },
  queryType: string,
  model: Record<string, unknown>
): Promise<OneQueryResult> {
  const { stdout } = await execute(
    process.execPath,
    ['--import', 'tsx', queryOnce, url, JSON.stringify(timeRange), queryType, JSON.stringify(model)],
    { maxBuffer: 64 * 1024 * 1024 }
  );
  const result = JSON.parse(stdout) as OneQueryResult & { error?: string };
  if (result.error) throw new Error(`${what}: ${result.error}`);
  return result;
}

/** `warm → peak MB (+growth)`, right-aligned for the benches' tables. */
export function rssColumn(result: OneQueryResult): string {
  return `${result.rssMb.toFixed(0)} → ${result.peakRssMb.toFixed(0)} MB (+${(result.peakRssMb - result.rssMb).toFixed(0)})`.padStart(
    26
  );
}

/** The first and last flowEndSeconds of the loaded flows, as Unix seconds. */
export function flowsTimeSpan(session: Session): { minS: number; maxS: number } {
  const [minS, maxS] = session
    .query('SELECT toUnixTimestamp(min(flowEndSeconds)), toUnixTimestamp(max(flowEndSeconds)) FROM flows', 'TSV')
    .trim()
    .split('\t')
    .map(Number);
  return { minS: minS!, maxS: maxS! };
}
