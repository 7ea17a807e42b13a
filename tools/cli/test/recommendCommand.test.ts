import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntoChdb } from '@flowlens/flowgen';
import { startChdbHttpServer, type ChdbHttpServer } from '@flowlens/testkit';
import { createEngine } from '../../../plugins/flows-datasource/backend/src/engines/createEngine.ts';
import { DatasourceInstances } from '../../../plugins/flows-datasource/backend/src/handlers/datasourceInstances.ts';
import { queryData } from '../../../plugins/flows-datasource/backend/src/handlers/queryData.ts';
import { QueryMetrics } from '../../../plugins/flows-datasource/backend/src/handlers/queryMetrics.ts';
import { createLogger } from '../../../plugins/flows-datasource/backend/src/logging/logger.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../bin/flowlens.mjs');
const from = '2025-01-06T08:00:00Z';
const to = '2025-01-06T09:00:00Z';

async function flowlens(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--no-concurrent-recompilation', bin, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('flowlens recommend', () => {
  let dir: string;
  let session: Session;
  let http: ChdbHttpServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-cli-'));
    session = new Session(join(dir, 'chdb'));
    await loadIntoChdb(session, { from, to, scale: 0.3 });
    http = await startChdbHttpServer({ session });
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same YAML as the datasource query, with a summary on stderr', async () => {
    const cli = await flowlens([
      'recommend',
      '--url',
      http.url,
      '--from',
      from,
      '--to',
      to,
      '--policy-type',
      'anp-deny-applied',
      '--namespace',
      'shop',
      '--namespace',
      'bookinfo',
    ]);
    expect(cli.stderr).toMatch(
      /flowlens: \d+ policies \(anp-deny-applied, one per workload\) allowing [\d,]+ observed connections/
    );
    expect(cli.code).toBe(0);

    const logger = createLogger('test', { level: 'error', write: () => undefined });
    const instances = new DatasourceInstances(createEngine, logger);
    try {
      const responses = await queryData(
        {
          context: {
            orgId: 1,
            pluginId: 'flowlens-flows-datasource',
            dataSource: {
              uid: 'x',
              name: 'x',
              updatedMs: 1,
              jsonData: { engine: 'clickhouse', url: http.url },
              decryptedSecureJsonData: {},
            },
          },
          queries: [
            {
              refId: 'A',
              queryType: 'recommendPolicies',
              maxDataPoints: 1,
              intervalMs: 60_000,
              timeRange: { fromMs: Date.parse(from), toMs: Date.parse(to) },
              json: { recommend: { version: 1, policyType: 'anp-deny-applied', namespaces: ['bookinfo', 'shop'] } },
            },
          ],
          signal: new AbortController().signal,
        },
        { instances, metrics: new QueryMetrics(), logger }
      );
      const whole = responses.get('A')!.frames.find((frame) => frame.name === 'recommendation')!;
      expect(cli.stdout).toBe(String(whole.fields[0]!.values.get(0)));
      expect(cli.stdout).toContain('kind: ClusterNetworkPolicy');
    } finally {
      await instances.closeAll();
    }
  });

  it('writes to --output instead of stdout', async () => {
    const output = join(dir, 'policies.yaml');
    const cli = await flowlens(['recommend', '--url', http.url, '--from', from, '--to', to, '-o', output]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toContain('kind: NetworkPolicy');
  });

  it.each([
    [['recommend', '--granularity', 'pod'], 'granularity "pod" is not one of workload, namespace'],
    [['recommend', '--from', 'yesterday'], '--from'],
    [['recommend', '--engine', 'postgres'], '--engine postgres is not supported'],
    [['recommend', '--nope'], "Unknown option '--nope'"],
    [['deploy'], 'unknown command "deploy"'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const cli = await flowlens(args);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(message);
  });

  it('fails with exit 1 and a clear error, never the password, when the database is unreachable', async () => {
    const cli = await flowlens(['recommend', '--url', 'http://127.0.0.1:9'], { CLICKHOUSE_PASSWORD: 'hunter2-secret' });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('cannot reach ClickHouse at http://127.0.0.1:9');
    expect(cli.stderr).not.toContain('hunter2-secret');
  });

  it('prints its help', async () => {
    const cli = await flowlens(['--help']);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('flowlens recommend [options] > policies.yaml');
  });
});
