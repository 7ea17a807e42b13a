import { spawnSync } from 'node:child_process';
import { tableFromIPC } from 'apache-arrow';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseServer } from '@flowlens/testkit';
import { startLegacyClickHouse } from './support/engines.ts';
import {
  launchPlugin,
  pluginContext,
  pluginExecutable,
  queryDataRequest,
  responsesOf,
  type PluginProcess,
} from './support/pluginProcess.ts';

// A query that never ends on its own: the only ways out are the timeout, a cancel, or a dead server.
const endless = 'SELECT count() FROM system.numbers WHERE number % 7 = 99';

describe('backend executable, launched as Grafana launches it', () => {
  let clickhouse: ClickHouseServer;
  let plugin: PluginProcess;
  const datasource = () => ({ url: clickhouse.url, username: 'flowlens_reader', password: 'reader-secret' });

  beforeAll(async () => {
    clickhouse = await startLegacyClickHouse();
    plugin = await launchPlugin();
  });
  afterAll(async () => {
    await plugin?.stop();
    await clickhouse?.close();
  });

  it('explains itself and exits non-zero when started by hand', () => {
    const run = spawnSync(pluginExecutable, [], { env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Grafana plugin/);
    expect(run.stderr).toMatch(/cannot run on its own/);
    expect(run.stdout).toBe('');
  });

  it('prints the go-plugin handshake and serves gRPC health for "plugin"', async () => {
    expect(plugin.handshake).toMatch(/^1\|2\|unix\|\/.+\|grpc\|$/);
    await expect(plugin.call('Health', 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
  });

  it('answers each query by refId; a failing query does not fail the others', async () => {
    const response = responsesOf(
      await plugin.call(
        'Data',
        'QueryData',
        queryDataRequest(datasource(), [
          { refId: 'A', rawSql: 'SELECT number AS n FROM system.numbers LIMIT 3' },
          { refId: 'B', rawSql: 'SELEKT broken' },
          { refId: 'C', json: { refId: 'C', queryType: 'nonsense' } },
        ])
      )
    );
    expect(response.A!.error).toBe('');
    expect(tableFromIPC(response.A!.frames[0]!).numRows).toBe(3);
    expect(response.B!.error).toMatch(/ClickHouse error 62/);
    expect(response.B!.status).toBe(400);
    expect(response.C!.error).toMatch(/unknown queryType "nonsense"/);
  });

  it('keeps serving when ClickHouse dies mid-query, and recovers without a restart when it is back', async () => {
    const running = plugin.call('Data', 'QueryData', queryDataRequest(datasource(), [{ refId: 'A', rawSql: endless }]));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await clickhouse.kill();
    const failed = responsesOf(await running);
    expect(failed.A!.error).toMatch(/ClickHouse/);
    const whileDown = responsesOf(
      await plugin.call('Data', 'QueryData', queryDataRequest(datasource(), [{ refId: 'A', rawSql: 'SELECT 1' }]))
    );
    expect(whileDown.A!.error).toMatch(/cannot reach ClickHouse at http:\/\/127\.0\.0\.1:\d+: connection refused/);
    await clickhouse.start();
    const recovered = responsesOf(
      await plugin.call(
        'Data',
        'QueryData',
        queryDataRequest(datasource(), [{ refId: 'A', rawSql: 'SELECT 42 AS answer' }])
      )
    );
    expect(recovered.A!.error).toBe('');
    expect(tableFromIPC(recovered.A!.frames[0]!).getChild('answer')?.get(0)).toBe(42);
    expect(plugin.process.exitCode).toBeNull();
  });

  it('answers 50 concurrent requests', async () => {
    const calls = Array.from({ length: 50 }, (_, i) =>
      plugin.call(
        'Data',
        'QueryData',
        queryDataRequest(datasource(), [
          {
            refId: `Q${i}`,
            rawSql: `SELECT ${i} AS i, sum(number) AS s FROM (SELECT number FROM system.numbers LIMIT 100000)`,
          },
        ])
      )
    );
    const answers = (await Promise.all(calls)).map(responsesOf);
    answers.forEach((answer, i) => {
      expect(answer[`Q${i}`]!.error).toBe('');
      expect(tableFromIPC(answer[`Q${i}`]!.frames[0]!).getChild('i')?.get(0)).toBe(i);
    });
  });

  it('stops the server-side query when Grafana cancels the request', async () => {
    const call = plugin.start('Data', 'QueryData', queryDataRequest(datasource(), [{ refId: 'A', rawSql: endless }]));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(
      Number(
        await clickhouse.query(
          `SELECT count() FROM system.processes WHERE query LIKE '%number % 7 = 99%' AND query NOT LIKE '%system.processes%'`
        )
      )
    ).toBe(1);
    call.cancel();
    await expect(call.result).rejects.toMatchObject({ code: status.CANCELLED });
    let running = 1;
    for (let attempt = 0; attempt < 50 && running > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      running = Number(
        await clickhouse.query(
          `SELECT count() FROM system.processes WHERE query LIKE '%number % 7 = 99%' AND query NOT LIKE '%system.processes%'`
        )
      );
    }
    expect(running).toBe(0);
  });

  it('enforces the datasource timeout and names the limit', async () => {
    const started = Date.now();
    const response = responsesOf(
      await plugin.call(
        'Data',
        'QueryData',
        queryDataRequest({ ...datasource(), queryTimeoutSeconds: 1, updatedMs: 2 }, [{ refId: 'A', rawSql: endless }])
      )
    );
    expect(response.A!.error).toMatch(/1 s timeout/);
    expect(response.A!.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('runs queries read-only', async () => {
    const response = responsesOf(
      await plugin.call(
        'Data',
        'QueryData',
        queryDataRequest({ url: clickhouse.url, updatedMs: 3 }, [
          { refId: 'A', rawSql: 'CREATE TABLE nope (a UInt8) ENGINE = Memory' },
        ])
      )
    );
    expect(response.A!.error).toMatch(/readonly/i);
  });

  it('reports wrong credentials with the user name and never the password, in answers or logs', async () => {
    const wrong = { url: clickhouse.url, username: 'flowlens_reader', password: 'not-the-Secret-42', updatedMs: 4 };
    const health = (await plugin.call('Diagnostics', 'CheckHealth', { pluginContext: pluginContext(wrong) })) as {
      status: string;
      message: string;
    };
    expect(health.status).toBe('ERROR');
    expect(health.message).toMatch(/user "flowlens_reader"/);
    expect(health.message).toMatch(/authentication failed/);
    const response = responsesOf(
      await plugin.call('Data', 'QueryData', queryDataRequest(wrong, [{ refId: 'A', rawSql: 'SELECT 1' }]))
    );
    expect(response.A!.status).toBe(401);
    for (const text of [health.message, response.A!.error, plugin.stderr()]) {
      expect(text).not.toContain('not-the-Secret-42');
    }
  });

  it('rejects malformed requests with a gRPC error and keeps running', async () => {
    const badJsonData = {
      pluginContext: {
        orgId: 1,
        dataSourceInstanceSettings: { uid: 'x', jsonData: Buffer.from('{not json'), lastUpdatedMS: 1 },
      },
      queries: [],
    };
    await expect(plugin.call('Data', 'QueryData', badJsonData)).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringMatching(/jsonData is not valid JSON/),
    });
    await expect(plugin.call('Diagnostics', 'CheckHealth', {})).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    // Bytes that are not a protobuf message at all.
    const raw = plugin.client('Data');
    const garbage = await new Promise<{ code?: number }>((done) => {
      raw.makeUnaryRequest(
        '/pluginv2.Data/QueryData',
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x01]),
        (error) => done(error ?? {})
      );
    });
    expect(garbage.code).toBe(status.INTERNAL);
    await expect(plugin.call('Health', 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
    const bogusQuery = {
      pluginContext: pluginContext(datasource()),
      queries: [{ refId: 'Z', json: Buffer.from('[[['), timeRange: { fromEpochMS: 0, toEpochMS: 1 } }],
    };
    expect(responsesOf(await plugin.call('Data', 'QueryData', bogusQuery)).Z!.error).toMatch(/not a JSON object/);
  });

  it('shuts down cleanly on GRPCController.Shutdown', async () => {
    const second = await launchPlugin();
    await second.call('Controller', 'Shutdown', {});
    expect(await second.exited()).toBe(0);
    await second.stop();
  });
});
