import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { PluginManifest } from './pluginManifest.ts';

export interface PackagedPlugin {
  zipPath: string;
  sha256Path: string;
  sha256: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Zips a built plugin as `<id>-<version>.zip` whose single top folder is the plugin id: Grafana's
 * `grafana cli plugins install --pluginUrl` and the plugin catalog both expect that shape.
 */
export async function packagePlugin(plugin: PluginManifest, outDir: string): Promise<PackagedPlugin> {
  const dist = join(plugin.dir, 'dist');
  if (!existsSync(join(dist, 'module.js'))) {
    throw new Error(`${dist}/module.js is missing: run "npm run build" before "npm run package"`);
  }
  if (plugin.hasBackend && !readdirSync(dist).some((name) => name.startsWith(`${plugin.executable}_`))) {
    throw new Error(`${plugin.id} declares a backend but ${dist} holds no ${plugin.executable}_<os>_<arch> executable`);
  }
  mkdirSync(outDir, { recursive: true });
  const zipName = `${plugin.id}-${plugin.version}.zip`;
  const zipPath = join(outDir, zipName);
  const zip = new yazl.ZipFile();
  // Fixed timestamps keep the zip (and its checksum) identical for identical builds.
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const file of filesUnder(dist).sort()) {
    const inZip = `${plugin.id}/${relative(dist, file).split('\\').join('/')}`;
    const executable = (statSync(file).mode & 0o111) !== 0;
    zip.addFile(file, inZip, { mtime, mode: executable ? 0o100755 : 0o100644 });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));

  const sha256 = createHash('sha256').update(readFileSync(zipPath)).digest('hex');
  const sha256Path = `${zipPath}.sha256`;
  // sha256sum's own format, so `sha256sum -c` verifies a download.
  writeFileSync(sha256Path, `${sha256}  ${zipName}\n`);
  return { zipPath, sha256Path, sha256 };
}
