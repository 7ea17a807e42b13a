/**
 * Each plugin declares the oldest Grafana it supports (plugin.json `grafanaDependency`), and that claim
 * is only as good as the checks behind it: the type check of its code against that Grafana's packages
 * (tsconfig.grafana-<version>.json) and the tests run on them: the e2e host built with them (panels and
 * the datasource's query editor) and, for the datasource, a vitest project of its DOM tests (its editors).
 * This keeps the declaration, the packages installed for the checks, the e2e host and that project on the
 * same version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grafanaPackageAliases, oldestGrafanaVersion } from '../../../e2e/host/hostGrafana.ts';
import vitestConfig from '../../../vitest.config.ts';

const repo = resolve(import.meta.dirname, '../../..');
const readJson = (path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8')) as Record<string, unknown>;

interface GrafanaTsconfig {
  file: string;
  include: string[];
  paths: Record<string, string[]>;
}

const grafanaTsconfigs: GrafanaTsconfig[] = readdirSync(repo)
  .filter((name) => /^tsconfig\.grafana-[\d.]+\.json$/.test(name))
  .map((file) => {
    const config = readJson(file) as { include: string[]; compilerOptions: { paths: Record<string, string[]> } };
    return { file, include: config.include, paths: config.compilerOptions.paths };
  });

/** The version of the package a path mapping points at, read from its installed package.json. */
function mappedVersion(config: GrafanaTsconfig, name: string): string {
  const target = config.paths[name]?.[0];
  if (!target) {
    throw new Error(`${config.file} maps no ${name}`);
  }
  return String(readJson(join(target, 'package.json')).version);
}

/** The parts of a vitest project this test reads. */
interface VitestProject {
  resolve?: { alias?: Array<{ find: RegExp; replacement: string }> };
  test?: { name?: string; include?: string[] };
}

const vitestProjects = (vitestConfig.test?.projects ?? []) as VitestProject[];

const plugins = readdirSync(join(repo, 'plugins')).filter((name) =>
  readdirSync(join(repo, 'plugins', name, 'src')).includes('plugin.json')
);

describe.each(plugins)('plugin %s', (plugin) => {
  const pluginJson = readJson(join('plugins', plugin, 'src', 'plugin.json')) as {
    type: string;
    dependencies: { grafanaDependency: string };
  };
  const declared = /^>=(\d+\.\d+\.\d+)$/.exec(pluginJson.dependencies.grafanaDependency)?.[1];

  it('declares a lowest Grafana version, no upper bound', () => {
    expect(declared, pluginJson.dependencies.grafanaDependency).toBeDefined();
  });

  it("is type-checked against exactly that Grafana's @grafana packages", () => {
    const checking = grafanaTsconfigs.filter((config) => config.include.includes(`plugins/${plugin}/src`));
    expect(checking.map((config) => config.file)).toHaveLength(1);
    const config = checking[0]!;
    expect(config.file).toBe(`tsconfig.grafana-${declared!.split('.').slice(0, 2).join('.')}.json`);
    for (const name of ['@grafana/data', '@grafana/runtime', '@grafana/schema', '@grafana/ui']) {
      expect(mappedVersion(config, name), `${config.file}: ${name}`).toBe(declared);
    }
  });

  // Panels render there; the datasource's module loads there and its query editor renders (datasourceEditor.spec.ts).
  it("has its specs run on a host with that Grafana's packages", () => {
    expect(oldestGrafanaVersion).toBe(declared);
    for (const alias of Object.values(grafanaPackageAliases('oldest'))) {
      expect(String(readJson(join('node_modules', alias, 'package.json')).version), alias).toBe(declared);
    }
  });

  // The e2e spec checks the builder's pickers; the DOM tests check every editor, also on that Grafana.
  if (pluginJson.type === 'datasource') {
    it("has its DOM tests run on that Grafana's packages", () => {
      const project = vitestProjects.find((candidate) => candidate.test?.name === `dom-grafana-${declared}`);
      expect(project?.test?.include).toContain(`plugins/${plugin}/src/**/*.test.{ts,tsx}`);
      const aliases = project?.resolve?.alias ?? [];
      expect(aliases.map((alias) => String(alias.find))).toEqual(
        ['@grafana/data', '@grafana/runtime', '@grafana/schema', '@grafana/ui'].map((name) =>
          String(new RegExp(`^${name}$`))
        )
      );
      for (const { replacement } of aliases) {
        expect(String(readJson(join('node_modules', replacement, 'package.json')).version), replacement).toBe(declared);
      }
    });
  }
});

describe('npm run typecheck', () => {
  it('runs every tsconfig.grafana-*.json', () => {
    const script = String((readJson('package.json').scripts as Record<string, string>).typecheck);
    for (const config of grafanaTsconfigs) {
      expect(script).toContain(`tsc -p ${config.file}`);
    }
    expect(grafanaTsconfigs.length).toBeGreaterThan(0);
  });
});
