// Bundles the flowgen command into one file (tools/flowgen/dist/flowgen.cjs) for the compose image,
// which then needs Node alone. chDB stays out: the container loads ClickHouse over HTTP.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./src/cli.ts', import.meta.url).pathname],
  outfile: new URL('./dist/flowgen.cjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['chdb'],
  // The sources find package.json and provisioning/ relative to themselves; dist/ keeps that layout.
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
console.log('built tools/flowgen/dist/flowgen.cjs');
