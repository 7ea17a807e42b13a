/**
 * The panel host's web server on 127.0.0.1 (a free port): the host page, its script, and the files
 * Grafana would serve for it — each plugin's dist/ under /public/plugins/<id>/, @grafana/ui's icons and
 * Grafana's fonts. Nothing is fetched from elsewhere.
 *
 * Run it by hand to look at panels in a browser:
 * `npx tsx e2e/host/server.ts [--port 3001] [--development] [--oldest-grafana]`,
 * then call `flowlensHost.render({...})` in the devtools console.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHostBundle, type ReactMode } from './buildHostBundle.ts';
import { grafanaUiPackage, type HostGrafana } from './hostGrafana.ts';

const hostDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(hostDir, '..', '..');
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Folders that may hold a plugin (a plugin.json names its id): our built plugins and the host's own test plugins. */
const pluginFolderPatterns = [
  { parent: join(repoRoot, 'plugins'), inside: 'dist' },
  { parent: join(hostDir, 'probe-plugins'), inside: '' },
];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.md': 'text/markdown; charset=utf-8',
};

export interface PanelHostServer {
  /** Base URL of the host page, e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

export interface PanelHostServerOptions {
  mode?: ReactMode;
  /** The @grafana packages the page is built with; default `current`. */
  grafana?: HostGrafana;
  /** Default 0: any free port. */
  port?: number;
}

/** Maps plugin ids to their folders, read afresh on each request so a new `npm run build` is picked up. */
async function pluginFolders(): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  for (const { parent, inside } of pluginFolderPatterns) {
    const names = await readdir(parent).catch(() => [] as string[]);
    for (const name of names) {
      const folder = join(parent, name, inside);
      const manifest = await readFile(join(folder, 'plugin.json'), 'utf8').catch(() => undefined);
      if (manifest) {
        folders.set(JSON.parse(manifest).id, folder);
      }
    }
  }
  return folders;
}

/** A file under `root`, or undefined when the request tries to leave it or names no file. */
async function fileUnder(root: string, relativePath: string): Promise<string | undefined> {
  const file = resolve(root, `.${sep}${decodeURIComponent(relativePath)}`);
  if (!file.startsWith(root + sep)) {
    return undefined;
  }
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

async function loadBundle(mode: ReactMode, grafana: HostGrafana): Promise<Map<string, Buffer>> {
  const folder = await buildHostBundle(mode, grafana);
  // Held in memory: a later build may replace the folder while this server still runs.
  const files = new Map<string, Buffer>();
  for (const name of await readdir(folder)) {
    files.set(name, await readFile(join(folder, name)));
  }
  return files;
}

export async function startPanelHostServer(options: PanelHostServerOptions = {}): Promise<PanelHostServer> {
  const grafana = options.grafana ?? 'current';
  const bundle = await loadBundle(options.mode ?? 'production', grafana);
  const hostPage = await readFile(join(hostDir, 'page', 'index.html'));
  const iconsDir = join(packageDir(grafanaUiPackage(grafana)), 'dist', 'public', 'img', 'icons');
  const interDir = join(packageDir('inter-ui'), 'web');
  const robotoMono = join(packageDir('@fontsource/roboto-mono'), 'files', 'roboto-mono-latin-400-normal.woff2');

  async function route(path: string): Promise<{ body: Buffer; type: string } | undefined> {
    const send = async (file: string | undefined) =>
      file
        ? { body: await readFile(file), type: contentTypes[extname(file)] ?? 'application/octet-stream' }
        : undefined;
    if (path === '/' || path === '/index.html') {
      return { body: hostPage, type: contentTypes['.html']! };
    }
    if (path.startsWith('/host/')) {
      const name = path.slice('/host/'.length);
      const body = bundle.get(name);
      return body ? { body, type: contentTypes[extname(name)] ?? 'application/octet-stream' } : undefined;
    }
    const plugin = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(path);
    if (plugin) {
      const folder = (await pluginFolders()).get(decodeURIComponent(plugin[1]!));
      return folder ? send(await fileUnder(folder, plugin[2]!)) : undefined;
    }
    // Grafana 12 and later serve @grafana/ui's icons under public/build/, Grafana 11 under public/.
    const icons = /^\/public\/(?:build\/)?img\/icons\/(.+)$/.exec(path);
    if (icons) {
      return send(await fileUnder(iconsDir, icons[1]!));
    }
    if (path.startsWith('/public/fonts/inter/')) {
      return send(await fileUnder(interDir, path.slice('/public/fonts/inter/'.length)));
    }
    // Grafana's Roboto Mono files carry Google's hashed names; any of them is the latin 400 face.
    if (path.startsWith('/public/fonts/roboto/')) {
      return send(robotoMono);
    }
    return undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    try {
      const found = request.method === 'GET' || request.method === 'HEAD' ? await route(path) : undefined;
      if (!found) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`Not found: ${path} (is the plugin built? run npm run build)`);
        return;
      }
      // Never cached: a rebuilt plugin must be what the next page load gets.
      response.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : found.body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Panel host server failed on ${path}: ${String(error)}`);
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}

async function main() {
  const portIndex = process.argv.indexOf('--port');
  const server = await startPanelHostServer({
    port: portIndex > 0 ? Number(process.argv[portIndex + 1]) : 0,
    mode: process.argv.includes('--development') ? 'development' : 'production',
    grafana: process.argv.includes('--oldest-grafana') ? 'oldest' : 'current',
  });
  console.log(`Panel host: ${server.url}  (Ctrl-C stops it)`);
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
