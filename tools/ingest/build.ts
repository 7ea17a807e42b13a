// Bundles flowlens-ingest into tools/ingest/dist/ingest.cjs and its parser thread beside it
// (parser-thread.cjs, which parserPool.ts starts) for the compose image, which then needs Node alone.
// chDB (flowgen's, for tests) stays out: the service talks HTTP to ClickHouse.
import { build } from 'esbuild';

await build({
  entryPoints: {
    ingest: new URL('./src/cli.ts', import.meta.url).pathname,
    'parser-thread': new URL('./src/pipeline/parserThread.ts', import.meta.url).pathname,
  },
  outdir: new URL('./dist', import.meta.url).pathname,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['chdb', 'snowflake-sdk'],
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
console.log('built tools/ingest/dist/ingest.cjs and parser-thread.cjs');
