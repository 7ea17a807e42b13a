/**
 * Builds the host page's script (page/main.ts with React, @grafana/* and SystemJS) with esbuild into
 * node_modules/.cache/flowlens-panel-host/<mode>-<grafana>-<hash>/ (a cache every tool already ignores).
 * The hash covers the page sources and package-lock.json, so the ~5 s build runs once per change and
 * parallel test workers share the result. `grafana` picks the @grafana packages (hostGrafana.ts).
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { grafanaPackageAliases, type HostGrafana } from './hostGrafana.ts';

/** `production` is what Grafana ships (and what benchmarks need); `development` adds React's warnings. */
export type ReactMode = 'production' | 'development';

const hostDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(hostDir, '..', '..');
const buildRoot = join(repoRoot, 'node_modules', '.cache', 'flowlens-panel-host');
const pageDir = join(hostDir, 'page');

/** Files whose change must produce a new bundle. */
async function bundleInputs(): Promise<string[]> {
  const pageFiles = (await readdir(pageDir, { recursive: true }))
    .filter((name) => /\.(ts|tsx|html)$/.test(name))
    .map((name) => join(pageDir, name));
  return [
    ...pageFiles.sort(),
    join(hostDir, 'panelSpec.ts'),
    join(hostDir, 'hostGrafana.ts'),
    fileURLToPath(import.meta.url),
    join(repoRoot, 'package-lock.json'),
  ];
}

async function inputsHash(mode: ReactMode, grafana: HostGrafana): Promise<string> {
  const hash = createHash('sha256').update(mode).update(grafana);
  for (const file of await bundleInputs()) {
    hash.update(relative(repoRoot, file)).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false
  );
}

/**
 * @grafana/ui's code editor pulls in Monaco (3 MB minified). Panels never render an editor, so the host
 * leaves it out; a plugin that does would find an empty module.
 */
const leaveOutMonaco: Plugin = {
  name: 'leave-out-monaco',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^monaco-editor(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** Grafana before 12 shares no `/unstable` entry points, and its packages have none to bundle. */
const withoutUnstableEntryPoints: Plugin = {
  name: 'without-unstable-entry-points',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/unstableEntryPoints\.ts$/ }, () => ({
      path: join(pageDir, 'noUnstableEntryPoints.ts'),
    }));
  },
};

/**
 * Builds (or reuses) the bundle for `mode` with the @grafana packages of `grafana` and returns the folder
 * holding main.js, main.css and assets.
 */
export async function buildHostBundle(
  mode: ReactMode = 'production',
  grafana: HostGrafana = 'current'
): Promise<string> {
  const variant = `${mode}-${grafana}`;
  const outdir = join(buildRoot, `${variant}-${await inputsHash(mode, grafana)}`);
  if (await exists(join(outdir, 'main.js'))) {
    return outdir;
  }
  await mkdir(buildRoot, { recursive: true });
  // Build beside the target and rename: a parallel worker never sees half a bundle.
  const scratch = `${outdir}.${process.pid}.tmp`;
  await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: join(pageDir, 'main.ts') },
    outdir: scratch,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: mode === 'production',
    sourcemap: 'linked',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode), global: 'globalThis' },
    loader: { '.svg': 'file', '.png': 'file', '.gif': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
    publicPath: '/host/',
    assetNames: '[name]-[hash]',
    // Every import of a shared @grafana package, ours and the packages' own, gets the chosen version.
    alias: grafanaPackageAliases(grafana),
    plugins: grafana === 'current' ? [leaveOutMonaco] : [leaveOutMonaco, withoutUnstableEntryPoints],
    logLevel: 'error',
  }).catch(async (error: unknown) => {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  });
  // @grafana/ui 11 imports no stylesheet, so esbuild writes no main.css; the page links one all the same.
  if (!(await exists(join(scratch, 'main.css')))) {
    await writeFile(join(scratch, 'main.css'), '');
  }
  try {
    await rename(scratch, outdir);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    if (!(await exists(join(outdir, 'main.js')))) {
      throw error;
    }
  }
  await removeOtherBuilds(variant, outdir);
  return outdir;
}

/**
 * Keeps the cache from growing: older bundles of the same mode and Grafana are no longer used by anyone,
 * and a scratch folder older than any build is what a killed build left behind.
 */
async function removeOtherBuilds(variant: string, keep: string) {
  const abandonedBefore = Date.now() - 10 * 60_000;
  for (const name of await readdir(buildRoot)) {
    const path = join(buildRoot, name);
    const abandoned = name.endsWith('.tmp') && (await stat(path)).mtimeMs < abandonedBefore;
    if (abandoned || (isBuildOf(variant, name) && !name.endsWith('.tmp') && path !== keep)) {
      await rm(path, { recursive: true, force: true });
    }
  }
}

/** `<variant>-<16 hex>`: a finished build of that variant (`production-current` never matches `production-oldest`). */
function isBuildOf(variant: string, name: string): boolean {
  return new RegExp(`^${variant}-[0-9a-f]{16}$`).test(name);
}
