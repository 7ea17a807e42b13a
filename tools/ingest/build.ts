// Bundles flowlens-ingest into one file (tools/ingest/dist/ingest.cjs) for the compose image, which
// then needs Node alone. chDB (flowgen's, for tests) stays out: the service talks HTTP to ClickHouse.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./src/cli.ts', import.meta.url).pathname],
  outfile: new URL('./dist/ingest.cjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['chdb', 'snowflake-sdk'],
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
console.log('built tools/ingest/dist/ingest.cjs');
