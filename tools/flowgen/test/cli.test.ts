import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseServer, freePort } from '@flowlens/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../src/cli/arguments.ts';
import { runFlowgen } from './helpers/cli.ts';
import { sha256 } from './helpers/collect.ts';

const scratch = mkdtempSync(join(tmpdir(), 'flowgen-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('flowgen command line', () => {
  it('explains itself with --help', async () => {
    const run = await runFlowgen(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.toString()).toMatch(/^flowgen: deterministic/);
    for (const option of ['--count', '--from', '--to', '--rate', '--seed', '--sink', '--url', '--apply-schema']) {
      expect(run.stdout.toString()).toContain(option);
    }
  });

  it.each([
    [['--count', '5', '--bogus'], /unknown option --bogus/],
    [['--rate', '-5'], /--rate -5: expected a number above 0/],
  ])('rejects %j with a clear message and exit code 2', async (args, message) => {
    const run = await runFlowgen(args);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/\(see flowgen --help\)\n$/);
    expect(run.code).toBe(2);
    expect(run.stdout.length).toBe(0);
  });

  it.each([
    [['--count', '5', '--from', '2025-02-30'], /--from: "2025-02-30" is not a real time/],
    [['--count', '5', '--from', 'yesterday'], /--from: cannot read "yesterday" as a time; use ISO 8601/],
    [['--rate', '0'], /--rate 0: expected a number above 0/],
    [['--rate', 'fast'], /--rate fast: expected a number above 0/],
    [['--count', 'ten'], /--count ten: expected a whole number above 0/],
    [['--count', '1.5'], /--count 1.5: expected a whole number above 0/],
    [['--count'], /option --count needs a value/],
    [['--count', '5', '--quiet=yes'], /option --quiet takes no value/],
    [[], /say what to generate/],
    [['--rate', '10', '--from', 'now-1h'], /--from is for backfills and --rate for live mode/],
    [['--from', '2025-01-02', '--to', '2025-01-01'], /--to 2025-01-01 must be after --from 2025-01-02/],
    [
      ['--count', '5', '--sink', 'kafka'],
      /--sink kafka is not a sink; choose ndjson, csv, clickhouse, chdb or snowflake/,
    ],
    [['--count', '5', '--sink', 'chdb'], /--sink chdb needs --chdb-path/],
    [['--count', '5', '--url', 'http://x:8123'], /--url does not apply to --sink ndjson/],
    [['--count', '5', '--sink', 'clickhouse', '--output', 'f'], /--output does not apply to --sink clickhouse/],
    [['--count', '5', '--apply-schema'], /--apply-schema needs a database sink/],
    [
      ['--count', '5', '--sink', 'chdb', '--chdb-path', 'd', '--retention-hours', '4'],
      /--retention-hours .* needs --apply-schema/,
    ],
    [['--count', '5', '--sink', 'chdb', '--chdb-path', 'd', '--cluster', 'c'], /--cluster is for --sink clickhouse/],
    [
      ['--count', '5', '--sink', 'clickhouse', '--cluster', 'c'],
      /--cluster shapes the schema, so it needs --apply-schema/,
    ],
    [['--sink', 'clickhouse', '--schema-only'], /--schema-only writes no records, so it needs --apply-schema/],
    [['--count', '5', '--sink', 'clickhouse', '--wire-format', 'Native'], /--wire-format Native is not supported/],
    [['--count', '5', '--seed', '-1'], /--seed -1: expected a whole number from 0 to 4294967295/],
    [['--count', '5', 'extra'], /unexpected argument "extra"/],
    [['--count', '5', '--history', '1h'], /--history is for live mode/],
    [['--rate', '5', '--history', 'an hour'], /--history an hour is not a duration/],
    [['--count', '5', '--audit-url', 'http://ingest:7071/v1/audit'], /--audit-url is for live mode/],
    [['--rate', '5', '--audit-url', 'ingest:7071'], /--audit-url ingest:7071 is not an http:\/\/ or https:\/\/ URL/],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseCommand(args, {})).toThrow(UsageError);
    expect(() => parseCommand(args, {})).toThrow(message);
  });

  it("sends live policy changes to --audit-url with flowlens-ingest's token from the environment", () => {
    const args = ['--rate', '5', '--audit-url', 'http://ingest:7071/v1/audit'];
    expect(parseCommand(args, { FLOWLENS_INGEST_TOKEN: 'from-env' }).audit).toEqual({
      url: 'http://ingest:7071/v1/audit',
      token: 'from-env',
    });
    expect(parseCommand(args, {}).audit).toEqual({ url: 'http://ingest:7071/v1/audit', token: undefined });
    expect(parseCommand(['--rate', '5'], {}).audit).toBeUndefined();
  });

  it('takes ClickHouse credentials from the environment when no flag gives them', () => {
    const env = {
      CLICKHOUSE_URL: 'http://ch:8123',
      CLICKHOUSE_USER: 'flowlens_writer',
      CLICKHOUSE_PASSWORD: 'from-env',
    };
    expect(parseCommand(['--count', '1', '--sink', 'clickhouse'], env).sink).toMatchObject({
      url: 'http://ch:8123',
      user: 'flowlens_writer',
      password: 'from-env',
    });
    expect(parseCommand(['--count', '1', '--sink', 'clickhouse', '--password', 'flag'], env).sink).toMatchObject({
      password: 'flag',
    });
  });

  it('says which ClickHouse it cannot reach, without the password, and exits 1', async () => {
    const port = await freePort();
    const run = await runFlowgen(
      ['--count', '5', '--sink', 'clickhouse', '--url', `http://loader:pa55-in-url@127.0.0.1:${port}`],
      {
        env: { CLICKHOUSE_PASSWORD: 'pa55-in-env' },
      }
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot reach ClickHouse at http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(run.stderr).toContain('--wait-seconds');
    expect(run.stderr).not.toMatch(/pa55/);
  });

  it('prints the same bytes for the same seed, to stdout and to a file', async () => {
    const args = ['--count', '4000', '--seed', '17', '--from', '2025-07-01T12:00:00Z', '--quiet'];
    const first = await runFlowgen(args);
    const second = await runFlowgen(args);
    const file = join(scratch, 'flows.ndjson');
    const third = await runFlowgen([...args, '--output', file]);
    expect([first.code, second.code, third.code]).toEqual([0, 0, 0]);
    expect(first.stdout.toString().split('\n')).toHaveLength(4001);
    expect(sha256(second.stdout)).toBe(sha256(first.stdout));
    expect(sha256(readFileSync(file))).toBe(sha256(first.stdout));
    expect(first.stderr).toBe('');
  });

  it('writes CSV with a header', async () => {
    const run = await runFlowgen(['--count', '3', '--sink', 'csv', '--quiet']);
    const lines = run.stdout.toString().trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^timeInserted,flowStartSeconds,/);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('runs live until %s, then writes what it has and exits 0', async (signal) => {
    const file = join(scratch, `live-${signal}.ndjson`);
    const started = Math.floor(Date.now() / 1000);
    const run = await runFlowgen(['--rate', '2000', '--output', file], {
      during: (child) => setTimeout(() => child.kill(signal), 3500),
    });
    const finished = Math.ceil(Date.now() / 1000);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/wrote [\d,]+ records/);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { timeInserted: number });
    expect(records.length).toBeGreaterThan(1_000);
    expect(records.length).toBeLessThan(20_000);
    for (const record of records) {
      expect(record.timeInserted).toBeGreaterThanOrEqual(started);
      expect(record.timeInserted).toBeLessThanOrEqual(finished);
    }
  });

  it('loads into a chDB folder, applying the schema', async () => {
    const dir = join(scratch, 'chdb');
    const run = await runFlowgen([
      '--count',
      '2000',
      '--sink',
      'chdb',
      '--chdb-path',
      dir,
      '--apply-schema',
      '--retention-hours',
      '0',
    ]);
    expect(run.stderr).toMatch(
      /applied 01-flows\.sql, 03-flows-deduplication\.sql, 04-policy-events\.sql, 05-flows-rollups\.sql to chDB/
    );
    expect(run.stderr).toMatch(/wrote 2,000 records .* to chDB at/);
    expect(run.code).toBe(0);
  });

  it('backfills --history before going live, and not again on a restart', async () => {
    const server = await ClickHouseServer.launch();
    try {
      const args = ['--sink', 'clickhouse', '--url', server.url, '--rate', '20', '--history', '10m', '--count', '40'];
      const first = await runFlowgen([...args, '--apply-schema']);
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/wrote [\d,]+ records \(timeInserted .*\) to ClickHouse/);
      const afterFirst = Number(await server.query('SELECT count() FROM flows'));
      expect(afterFirst).toBeGreaterThan(1000);
      const second = await runFlowgen(args);
      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/already there; no history backfill/);
      expect(Number(await server.query('SELECT count() FROM flows'))).toBe(afterFirst + 40);
    } finally {
      await server.close();
    }
  });
});
