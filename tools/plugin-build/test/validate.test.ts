import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePlugin } from '../src/packagePlugin.ts';
import { readPluginManifest } from '../src/pluginManifest.ts';
import { validateZip, type AnalyzerDiagnostic } from '../src/validator/validateZip.ts';
import { judge } from '../src/validator/verdict.ts';
import { readZip, writeZip, type ZipEntry } from './zipEntries.ts';

// Grafana's own validator, on the chord panel's zip as `npm run package` makes it, and on copies of that zip
// with one known defect each: the check must pass the first and fail every copy.
const repo = resolve(import.meta.dirname, '../../..');
const validator =
  process.env.FLOWLENS_PLUGIN_VALIDATOR ?? resolve(repo, '../shared/tools/plugin-validator/plugincheck2');
const chord = readPluginManifest(join(repo, 'plugins/chord-panel'));
const work = mkdtempSync(join(tmpdir(), 'flowlens-validate-'));
let packagedZip: string;
let entries: ZipEntry[];

beforeAll(async () => {
  if (!existsSync(validator)) {
    throw new Error(`Grafana's plugin validator is missing at ${validator} (it comes with ../shared/tools)`);
  }
  if (!existsSync(join(chord.dir, 'dist', 'module.js'))) {
    throw new Error(`${chord.dir}/dist is missing: run "npm run build" first`);
  }
  packagedZip = (await packagePlugin(chord, join(work, 'packaged'))).zipPath;
  entries = await readZip(packagedZip);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the packaged zip, in its own folder under the same name, with one file changed. */
async function zipWith(defect: string, file: string, change: (text: string) => string): Promise<string> {
  const folder = join(work, defect);
  mkdirSync(folder);
  const zip = join(folder, `${chord.id}-${chord.version}.zip`);
  const changed = entries.map((entry) =>
    entry.name === `${chord.id}/${file}` ? { ...entry, data: Buffer.from(change(entry.data.toString('utf8'))) } : entry
  );
  expect(changed).not.toEqual(entries);
  await writeZip(zip, changed);
  return zip;
}

const errorsOf = (diagnostics: AnalyzerDiagnostic[]) =>
  judge(chord.id, diagnostics).errors.map((found) => `${found.analyzer}/${found.Name}`);

describe("Grafana's plugin validator, offline", () => {
  it('finds no errors in the packaged chord panel', async () => {
    const result = await validateZip(validator, packagedZip);
    expect(result).toMatchObject({ id: chord.id, version: chord.version });
    expect(errorsOf(result.diagnostics)).toEqual([]);
  });

  it('leaves nothing in the temp folder: the validator unpacks each zip there once per run', async () => {
    const temp = join(work, 'tmpdir');
    mkdirSync(temp);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      await validateZip(validator, packagedZip);
    } finally {
      process.env.TMPDIR = before;
      if (before === undefined) delete process.env.TMPDIR;
    }
    expect(readdirSync(temp)).toEqual([]);
  });

  it('fails a plugin id without its type suffix, in the runs after the full run stops', async () => {
    // typesuffix comes after the first analyzer that needs the network, so only its own run can report it.
    const zip = await zipWith('id-without-suffix', 'plugin.json', (pluginJson) =>
      pluginJson.replace('"id": "flowlens-chord-panel"', '"id": "flowlens-chord"')
    );
    expect(errorsOf((await validateZip(validator, zip)).diagnostics)).toEqual([
      'archivename/no-ident-root-dir',
      'typesuffix/plugin-type-suffix',
    ]);
  });

  it('fails a README that links an image relatively: `npm run validate` exits non-zero and names it', async () => {
    const zip = await zipWith('relative-image', 'README.md', (readme) =>
      readme.replace(
        /\]\(https:\/\/raw\.githubusercontent\.com\/[^)]*\/src\/img\/chord-pods-dark\.png\)/,
        '](img/chord-pods-dark.png)'
      )
    );
    const cli = spawnSync(
      process.execPath,
      [join(repo, 'tools/plugin-build/bin/plugin-build.mjs'), 'validate', chord.dir],
      {
        env: { ...process.env, FLOWLENS_ARTIFACTS: join(zip, '..') },
        encoding: 'utf8',
      }
    );
    expect(cli.status, cli.stdout + cli.stderr).toBe(1);
    expect(cli.stdout).toMatch(
      /ERROR +brokenlinks\/relative-link: README\.md: convert relative link to absolute: img\/chord-pods/
    );
    expect(cli.stderr).toContain('the plugin validator found errors');
  });
});
