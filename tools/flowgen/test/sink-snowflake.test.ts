import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakesnowServer } from '@flowlens/testkit';
import { generateFlows, SnowflakeSession } from '../src/index.ts';
import { flowgenNodeArgs } from './helpers/cli.ts';

const run = promisify(execFile);

describe('flowgen --sink snowflake, against fakesnow', () => {
  let server: FakesnowServer;
  beforeAll(async () => {
    server = await FakesnowServer.launch({ users: [{ name: 'loader', password: 'loader-secret' }] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('applies provisioning/snowflake and loads the records flowgen generates, times and all', async () => {
    const env = { ...process.env, SNOWFLAKE_PASSWORD: 'loader-secret' };
    const args = ['--count', '300', '--sink', 'snowflake', '--account', server.accessUrl, '--user', 'loader'];
    const session = ['--database', 'FLOWLENS', '--schema', 'PUBLIC', '--warehouse', 'LOAD_WH'];
    const { stderr } = await run(process.execPath, flowgenNodeArgs([...args, ...session, '--apply-schema']), { env });
    expect(stderr).toMatch(/applied 01-flows\.sql, 02-policy-events\.sql to Snowflake account .* as loader/);
    expect(stderr).toMatch(/wrote 300 records/);

    const check = await SnowflakeSession.open({
      account: server.accessUrl,
      user: 'loader',
      password: 'loader-secret',
      database: 'FLOWLENS',
      schema: 'PUBLIC',
    });
    try {
      const expected = [...generateFlows({ count: 300 })];
      const [stats] = await check.execute(
        'SELECT COUNT(*) AS "rows", SUM(octetDeltaCount) AS "bytes", DATE_PART(EPOCH_SECOND, MIN(flowEndSeconds)) AS "first", ' +
          'COUNT_IF(egressName = \'\') AS "emptyEgress" FROM FLOWS'
      );
      expect(Number(stats!.rows)).toBe(300);
      expect(Number(stats!.bytes)).toBe(expected.reduce((sum, record) => sum + record.octetDeltaCount, 0));
      expect(Number(stats!.first)).toBe(Math.min(...expected.map((record) => record.flowEndSeconds)));
      // Empty strings stay empty strings, not NULL: the dashboards compare with ''.
      expect(Number(stats!.emptyEgress)).toBe(expected.filter((record) => record.egressName === '').length);
    } finally {
      await check.close();
    }
  });

  it('refuses a wrong password with the account and user, and no password', async () => {
    const env = { ...process.env, SNOWFLAKE_PASSWORD: 'not-the-password' };
    const failed = await run(
      process.execPath,
      flowgenNodeArgs(['--count', '1', '--sink', 'snowflake', '--account', server.accessUrl, '--user', 'loader']),
      { env }
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/cannot log in to Snowflake account http:\/\/127\.0\.0\.1:\d+ as loader/);
    expect(failed?.stderr).not.toContain('not-the-password');
  });

  it('asks for the account and user', async () => {
    const failed = await run(process.execPath, flowgenNodeArgs(['--count', '1', '--sink', 'snowflake']), {
      env: { ...process.env, SNOWFLAKE_ACCOUNT: '', SNOWFLAKE_USER: '' },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/--sink snowflake needs --account and --user/);
  });
});
