// Builds the backend as Grafana runs it: one self-contained executable per platform,
// dist/gpx_flowlens_flows_linux_<arch>, that needs no Node.js on the Grafana host. The TypeScript
// is bundled by esbuild into chunks, packed into a Node single executable application blob (the
// chunks and their V8 code caches as assets), and injected into a Node binary of the same version
// with postject.
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build, transform } from 'esbuild';

const require = createRequire(import.meta.url);
const { inject } = require('postject') as {
  inject: (file: string, name: string, data: Buffer, options: object) => Promise<void>;
};

const backendDir = import.meta.dirname;
const pluginDir = resolve(backendDir, '..');
const buildDir = join(backendDir, '.build');
const distDir = join(pluginDir, 'dist');
const executable = 'gpx_flowlens_flows';
const nodeVersion = process.version.slice(1);

/** Where a Node binary for `arch` comes from: this very Node for the host, the npm registry otherwise. */
function nodeBinary(arch: 'x64' | 'arm64'): string {
  if (arch === process.arch) {
    return process.execPath;
  }
  const cacheDir = join(buildDir, `node-linux-${arch}-${nodeVersion}`);
  const binary = join(cacheDir, 'package', 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(cacheDir, { recursive: true });
    // The official Linux build of this exact Node version, as published on the npm registry.
    const tarball = execFileSync(
      'npm',
      ['pack', `node-linux-${arch}@${nodeVersion}`, '--silent', '--pack-destination', cacheDir],
      {
        encoding: 'utf8',
      }
    ).trim();
    execFileSync('tar', ['-xzf', join(cacheDir, tarball), '-C', cacheDir, 'package/bin/node', 'package/LICENSE']);
    rmSync(join(cacheDir, tarball));
  }
  return binary;
}

/**
 * Bundles src/ as ES modules split at every dynamic import (Snowflake's driver, Arrow, the query
 * handlers load on first use), then turns each chunk into a CommonJS function body: a single
 * executable can only run CommonJS and load built-in modules, so chunkLoader.cjs runs the chunks
 * from the executable's assets itself. Returns the chunk file names (the entry is main.js).
 */
async function bundle(): Promise<string[]> {
  const splitDir = join(buildDir, 'esm');
  rmSync(splitDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: join(backendDir, 'src', 'main.ts') },
    outdir: splitDir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    chunkNames: 'chunk-[hash]',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    // Left out of the bundle; their require fails (chunkLoader.cjs serves built-in modules only):
    // - long: protobufjs uses long.js when it can load it, but our int64 fields decode to numbers
    //   either way, and long.js compiles a WebAssembly module as it loads, at every start;
    // - @grpc/proto-loader (with the full protobufjs): grpc-js requires it only to serve its channelz
    //   and ORCA admin services, which the plugin does not offer. It was 0.3 MB of the start's code.
    external: ['long', '@grpc/proto-loader'],
    // ESM's import.meta.url has no CommonJS twin; give the chunks one so proto lookup works unpacked too.
    define: { 'import.meta.url': 'importMetaUrl' },
    logLevel: 'warning',
    metafile: true,
  });
  const chunkDir = join(buildDir, 'chunks');
  rmSync(chunkDir, { recursive: true, force: true });
  mkdirSync(chunkDir, { recursive: true });
  const names: string[] = [];
  for (const output of Object.keys(result.metafile.outputs)) {
    const name = basename(output);
    const converted = await transform(readFileSync(resolve(output), 'utf8'), {
      format: 'cjs',
      target: 'node20',
      minifyWhitespace: true,
      // import() becomes require() of the chunk, which chunkLoader.cjs serves.
      supported: { 'dynamic-import': false },
      banner: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;',
    });
    writeFileSync(join(chunkDir, name), converted.code);
    names.push(name);
  }
  copyFileSync(join(backendDir, 'chunkLoader.cjs'), join(chunkDir, 'chunkLoader.cjs'));
  return names;
}

/**
 * V8 code caches of the chunks a start runs (main.js and its static imports), made by starting the
 * unpacked plugin once with this Node and letting chunkLoader.cjs write them as it exits. Made after
 * running, they hold every function compiled up to the handshake, not only the chunks' top level.
 * Returns the cache file names (`<chunk>.cache`).
 */
async function chunkCodeCaches(): Promise<string[]> {
  const chunkDir = join(buildDir, 'chunks');
  const socketDir = mkdtempSync(join(tmpdir(), 'flowlens-build-'));
  try {
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [join(chunkDir, 'chunkLoader.cjs')], {
      // No NODE_OPTIONS: V8 rejects a cache made under other flags than the executable runs with.
      env: {
        ...env,
        grafana_plugin_type: 'datasource',
        PLUGIN_UNIX_SOCKET_DIR: socketDir,
        FLOWLENS_WRITE_CODE_CACHE: chunkDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (data: Buffer) => (log += data.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    const handshake = await Promise.race([
      new Promise<string>((done) => createInterface({ input: child.stdout }).once('line', done)),
      exited.then((code) => {
        throw new Error(`the unpacked plugin exited (${code}) before its handshake:\n${log}`);
      }),
    ]);
    if (!handshake.startsWith('1|2|unix|')) {
      throw new Error(`unexpected handshake from the unpacked plugin: ${handshake}\n${log}`);
    }
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) {
      throw new Error(`the unpacked plugin exited with ${code} while writing code caches:\n${log}`);
    }
  } finally {
    rmSync(socketDir, { recursive: true, force: true });
  }
  return readdirSync(chunkDir).filter((name) => name.endsWith('.cache'));
}

/**
 * The single executable's payload. Code caches are only valid for the CPU and V8 that made them, so
 * only the host architecture's blob carries them (the loader's own, from useCodeCache, and the
 * chunks'); V8 falls back to compiling if a cache does not fit.
 */
function seaBlob(chunks: string[], codeCaches: string[] | undefined): Buffer {
  const chunkDir = join(buildDir, 'chunks');
  const blob = join(buildDir, codeCaches ? 'sea-prep-cached.blob' : 'sea-prep.blob');
  const config = {
    main: join(chunkDir, 'chunkLoader.cjs'),
    output: blob,
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: codeCaches !== undefined,
    assets: Object.fromEntries([...chunks, ...(codeCaches ?? [])].map((name) => [name, join(chunkDir, name)])),
  };
  const configFile = join(buildDir, 'sea-config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', configFile], { stdio: 'inherit' });
  return readFileSync(blob);
}

async function main(): Promise<void> {
  const wanted = (process.env.FLOWLENS_BACKEND_ARCHS ?? 'amd64,arm64').split(',').map((arch) => arch.trim());
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(distDir, { recursive: true });
  const chunks = await bundle();
  const codeCaches = await chunkCodeCaches();
  for (const goArch of wanted) {
    const nodeArch = goArch === 'amd64' ? 'x64' : goArch === 'arm64' ? 'arm64' : undefined;
    if (!nodeArch) {
      throw new Error(`unknown architecture "${goArch}" in FLOWLENS_BACKEND_ARCHS; use amd64 and/or arm64`);
    }
    const target = join(distDir, `${executable}_linux_${goArch}`);
    rmSync(target, { force: true });
    copyFileSync(nodeBinary(nodeArch), target);
    chmodSync(target, 0o755);
    const blob = seaBlob(chunks, nodeArch === process.arch ? codeCaches : undefined);
    await inject(target, 'NODE_SEA_BLOB', blob, { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
    console.log(`built ${target} (Node ${nodeVersion}, ${goArch})`);
  }
}

main().catch((error: unknown) => {
  console.error(`backend build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
