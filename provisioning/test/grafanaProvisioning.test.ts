import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = resolve(import.meta.dirname, '../..');
const grafanaDir = join(repo, 'provisioning/grafana');
interface DatasourceYaml {
  uid: string;
  type: string;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}
interface AlertRuleYaml {
  condition: string;
  data: Array<{ datasourceUid: string }>;
}
interface ProviderYaml {
  folder: string;
  options: { path: string };
}
interface ComposeYaml {
  services: Record<string, { volumes: string[]; environment: Record<string, string> }>;
}

const read = (path: string) => parse(readFileSync(join(grafanaDir, path), 'utf8')) as Record<string, unknown>;

describe('Grafana provisioning files', () => {
  it('parse as YAML with apiVersion 1', () => {
    for (const folder of ['datasources', 'dashboards', 'alerting', 'optional']) {
      for (const file of readdirSync(join(grafanaDir, folder))) {
        expect(read(`${folder}/${file}`).apiVersion, file).toBe(1);
      }
    }
  });

  it('provision the ClickHouse datasource the alert rule and compose expect, password from the environment', () => {
    const [datasource] = read('datasources/flowlens-clickhouse.yaml').datasources as DatasourceYaml[];
    expect(datasource).toMatchObject({
      uid: 'flowlens-clickhouse',
      type: 'flowlens-flows-datasource',
      jsonData: { engine: 'clickhouse', url: 'http://clickhouse:8123', username: 'flowlens_reader' },
      secureJsonData: { password: '${CLICKHOUSE_READER_PASSWORD}' },
    });
    const rule = (read('alerting/flowlens-rules.yaml').groups as Array<{ rules: AlertRuleYaml[] }>)[0]!.rules[0]!;
    expect(rule.data[0]!.datasourceUid).toBe(datasource!.uid);
    expect(rule.condition).toBe('C');
  });

  it('load dashboards from where docker-compose mounts dashboards/, into the FlowLens folder', () => {
    const [provider] = read('dashboards/flowlens.yaml').providers as ProviderYaml[];
    expect(provider!.folder).toBe('FlowLens');
    const compose = parse(readFileSync(join(repo, 'docker-compose.yml'), 'utf8')) as ComposeYaml;
    expect(compose.services.grafana!.volumes).toContain(`./dashboards:${provider!.options.path}:ro`);
    expect(compose.services.grafana!.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
      `${provider!.options.path}/home.json`
    );
  });

  it('write the optional Snowflake datasource with the contract names', () => {
    const [datasource] = read('optional/flowlens-snowflake.yaml').datasources as DatasourceYaml[];
    expect(Object.keys(datasource!.jsonData)).toEqual(
      expect.arrayContaining(['engine', 'account', 'username', 'role', 'warehouse', 'database', 'schema', 'authType'])
    );
    expect(Object.keys(datasource!.secureJsonData).sort()).toEqual([
      'oauthToken',
      'password',
      'privateKey',
      'privateKeyPassphrase',
    ]);
  });
});

describe('docker/grafana-entrypoint.sh', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'flowlens-entrypoint-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  // Stands in for Grafana's /run.sh: reports which provisioning Grafana would read.
  const fakeRun = join(scratch, 'run.sh');
  writeFileSync(
    fakeRun,
    '#!/bin/sh\necho "args: $*"\necho "provisioning: $GF_PATHS_PROVISIONING"\nfind "$GF_PATHS_PROVISIONING" -type f | sort\n'
  );
  chmodSync(fakeRun, 0o755);

  const run = (env: Record<string, string>) =>
    execFileSync('sh', [join(repo, 'docker/grafana-entrypoint.sh'), 'server'], {
      env: {
        PATH: process.env.PATH ?? '',
        FLOWLENS_PROVISIONING_SOURCE: grafanaDir,
        FLOWLENS_PROVISIONING_TARGET: join(scratch, 'out'),
        GRAFANA_RUN: fakeRun,
        ...env,
      },
      encoding: 'utf8',
    });

  it('hands Grafana the mounted provisioning, without the optional parts by default', () => {
    const output = run({});
    expect(output).toContain('args: server');
    expect(output).toContain(`provisioning: ${join(scratch, 'out')}`);
    expect(output).toContain('datasources/flowlens-clickhouse.yaml');
    expect(output).toContain('alerting/flowlens-rules.yaml');
    expect(output).toContain('dashboards/flowlens.yaml');
    expect(output).not.toContain('flowlens-snowflake.yaml');
    expect(output).not.toContain('flowlens-notifications.yaml');
  });

  it('adds the Snowflake datasource when SNOWFLAKE_ACCOUNT is set, and the webhook when its URL is', () => {
    const output = run({
      SNOWFLAKE_ACCOUNT: 'myorg-myaccount',
      FLOWLENS_ALERT_WEBHOOK_URL: 'http://alerts.example/hook',
    });
    expect(output).toContain('provisioning the Snowflake datasource for account myorg-myaccount');
    expect(output).toContain('datasources/flowlens-snowflake.yaml');
    expect(output).toContain('alerting/flowlens-notifications.yaml');
  });
});

describe('provisioning/clickhouse/99-retention-from-env.sh', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'flowlens-retention-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  // A `clickhouse` command that records what the script asked of it.
  writeFileSync(join(scratch, 'clickhouse'), '#!/bin/sh\necho "clickhouse $*" >> "$CALLS"\n');
  chmodSync(join(scratch, 'clickhouse'), 0o755);

  const run = (hours?: string, rollupDays?: string) => {
    const calls = join(scratch, `calls-${hours ?? 'unset'}-${rollupDays ?? 'unset'}`);
    writeFileSync(calls, '');
    const env = {
      PATH: `${scratch}:${process.env.PATH}`,
      CALLS: calls,
      ...(hours === undefined ? {} : { FLOWLENS_RETENTION_HOURS: hours }),
      ...(rollupDays === undefined ? {} : { FLOWLENS_ROLLUP_RETENTION_DAYS: rollupDays }),
    };
    try {
      execFileSync('bash', [join(repo, 'provisioning/clickhouse/99-retention-from-env.sh')], {
        env,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      return { ok: true, calls: readFileSync(calls, 'utf8') };
    } catch (error) {
      return { ok: false, calls: readFileSync(calls, 'utf8'), stderr: String((error as { stderr?: string }).stderr) };
    }
  };

  it('keeps the schema default of 12 hours', () => {
    expect(run()).toEqual({ ok: true, calls: '' });
    expect(run('12')).toEqual({ ok: true, calls: '' });
  });

  it('sets another retention, or none for 0', () => {
    expect(run('72').calls).toBe(
      'clickhouse client --query ALTER TABLE flows MODIFY TTL timeInserted + INTERVAL 72 HOUR\n'
    );
    // Flows kept forever keep their rollup forever too.
    expect(run('0').calls).toBe(
      'clickhouse client --query ALTER TABLE flows REMOVE TTL\nclickhouse client --query ALTER TABLE flows_minutes REMOVE TTL\n'
    );
  });

  it('sets another rollup retention, or none for 0', () => {
    expect(run(undefined, '30')).toEqual({ ok: true, calls: '' });
    expect(run(undefined, '400').calls).toBe(
      'clickhouse client --query ALTER TABLE flows_minutes MODIFY TTL minute + INTERVAL 400 DAY\n'
    );
    expect(run('0', '0').calls).toBe(
      'clickhouse client --query ALTER TABLE flows REMOVE TTL\nclickhouse client --query ALTER TABLE flows_minutes REMOVE TTL\n'
    );
  });

  it('refuses a rollup retention shorter than the raw records’, before touching ClickHouse', () => {
    for (const [hours, days] of [
      ['72', '2'],
      ['0', '30'],
    ] as const) {
      const result = run(hours, days);
      expect(result.ok).toBe(false);
      expect(result.stderr).toMatch(/must keep the rollup at least as long as FLOWLENS_RETENTION_HOURS/);
      expect(result.calls).toBe('');
    }
    const result = run('12', 'a month');
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(/FLOWLENS_ROLLUP_RETENTION_DAYS must be a whole number of days/);
  });

  it('refuses anything but whole hours, before touching ClickHouse', () => {
    const result = run('12; DROP TABLE flows');
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(/must be a whole number of hours/);
    expect(result.calls).toBe('');
  });
});
