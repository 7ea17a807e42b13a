import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGrafanaShared } from '../src/externals.ts';
import { packagePlugin, type PackagedPlugin } from '../src/packagePlugin.ts';
import { readPluginManifest } from '../src/pluginManifest.ts';
import { readRepository } from '../src/repository.ts';
import { readZip, type ZipEntry } from './zipEntries.ts';

const repo = resolve(import.meta.dirname, '../../..');
const plugins = ['sankey-panel', 'chord-panel', 'policy-panel', 'flows-datasource'].map((name) =>
  join(repo, 'plugins', name)
);

describe.each(plugins)('built plugin %s', (pluginDir) => {
  const manifest = readPluginManifest(pluginDir);
  const out = mkdtempSync(join(tmpdir(), 'flowlens-package-'));
  let packaged: PackagedPlugin;
  let entries: ZipEntry[];

  beforeAll(async () => {
    if (!existsSync(join(pluginDir, 'dist', 'module.js'))) {
      throw new Error(`${pluginDir}/dist is missing: run "npm run build" first`);
    }
    packaged = await packagePlugin(manifest, out);
    entries = await readZip(packaged.zipPath);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is an AMD module.js that defines Grafana shared modules as dependencies and bundles none of them', () => {
    const moduleJs = readFileSync(join(pluginDir, 'dist', 'module.js'), 'utf8');
    const define = /^define\((\[[^\]]*\])/.exec(moduleJs);
    expect(define, 'module.js starts with define([...])').not.toBeNull();
    const dependencies = JSON.parse(define![1]!) as string[];
    expect(dependencies).toEqual(expect.arrayContaining(['@grafana/data', 'react']));
    expect(dependencies.every(isGrafanaShared), dependencies.join(', ')).toBe(true);
    // React's, react-dom's and @grafana/*'s own code would add megabytes and these markers.
    expect(moduleJs).not.toContain('__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED');
    expect(moduleJs).not.toMatch(/grafana-portal-container|react\.production/);
    expect(moduleJs.length).toBeLessThan(1_000_000);
  });

  it('zips as <id>-<version>.zip with the plugin id as the only top folder', () => {
    expect(packaged.zipPath.endsWith(`${manifest.id}-${manifest.version}.zip`)).toBe(true);
    expect(new Set(entries.map((entry) => entry.name.split('/')[0]))).toEqual(new Set([manifest.id]));
    const names = entries.map((entry) => entry.name.slice(manifest.id.length + 1));
    expect(names).toEqual(
      expect.arrayContaining(['module.js', 'plugin.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg'])
    );
  });

  it('ships a plugin.json with the version filled in, logos that exist and screenshots that exist', () => {
    const pluginJson = JSON.parse(
      entries.find((entry) => entry.name === `${manifest.id}/plugin.json`)!.data.toString('utf8')
    ) as {
      id: string;
      info: {
        version: string;
        updated: string;
        logos: Record<string, string>;
        screenshots: Array<{ path: string }>;
        links: unknown[];
      };
      dependencies: { grafanaDependency: string };
    };
    expect(pluginJson.id).toBe(manifest.id);
    expect(pluginJson.info.version).toBe(manifest.version);
    expect(pluginJson.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pluginJson.dependencies.grafanaDependency).toMatch(/^>=\d+\.\d+\.\d+$/);
    expect(pluginJson.info.links.length).toBeGreaterThan(0);
    const files = new Set(entries.map((entry) => entry.name.slice(manifest.id.length + 1)));
    for (const path of [
      ...Object.values(pluginJson.info.logos),
      ...pluginJson.info.screenshots.map((shot) => shot.path),
    ]) {
      expect(files.has(path), path).toBe(true);
    }
  });

  it('ships a README with absolute links, and its links into this repository name files that exist', () => {
    const readme = entries.find((entry) => entry.name === `${manifest.id}/README.md`)!.data.toString('utf8');
    // The plugin validator's own pattern for README links (brokenlinks.go).
    const targets = [...readme.matchAll(/\[.+?\]\((.+?)\)/g)].map((match) => match[1]!.split(/\s+/)[0]!);
    const { owner, name } = readRepository(repo);
    const intoRepository = new RegExp(
      `^https://(?:raw\\.githubusercontent\\.com/${owner}/${name}|github\\.com/${owner}/${name}/blob)/main/([^?#]+)`
    );
    for (const target of targets) {
      expect(target).toMatch(/^(https:\/\/|#|mailto:)/);
      const path = intoRepository.exec(target)?.[1];
      if (path) {
        expect(existsSync(join(repo, path)), target).toBe(true);
      }
    }
  });

  it('writes a sha256sum-style checksum of the zip', () => {
    const digest = createHash('sha256').update(readFileSync(packaged.zipPath)).digest('hex');
    expect(readFileSync(packaged.sha256Path, 'utf8')).toBe(`${digest}  ${manifest.id}-${manifest.version}.zip\n`);
  });
});

it('the datasource zip carries its backend executables for Linux amd64 and arm64, executable', async () => {
  const pluginDir = join(repo, 'plugins/flows-datasource');
  const manifest = readPluginManifest(pluginDir);
  const out = mkdtempSync(join(tmpdir(), 'flowlens-package-'));
  const entries = await readZip((await packagePlugin(manifest, out)).zipPath);
  rmSync(out, { recursive: true, force: true });
  expect(manifest.hasBackend).toBe(true);
  for (const arch of ['amd64', 'arm64']) {
    const executable = entries.find((entry) => entry.name === `${manifest.id}/${manifest.executable}_linux_${arch}`);
    expect(executable, arch).toBeDefined();
    expect(executable!.mode & 0o111, `${arch} mode ${executable!.mode.toString(8)}`).not.toBe(0);
    // ELF, with the machine field of the right architecture (x86-64 is 62, AArch64 is 183).
    expect(executable!.data.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(executable!.data.readUInt16LE(18)).toBe(arch === 'amd64' ? 62 : 183);
  }
});
