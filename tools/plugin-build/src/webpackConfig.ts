import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { webpackExternals } from './externals.ts';
import { renderPluginJson, type PluginManifest } from './pluginManifest.ts';
import { absoluteReadmeLinks } from './readmeLinks.ts';
import { readRepository } from './repository.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');

// The branch the packaged READMEs' images are served from. The plugin.json links point at main too;
// there are no release tags to pin a version's README to yet.
const readmeRef = 'main';

function entryOf(pluginDir: string): string {
  for (const name of ['module.tsx', 'module.ts']) {
    const candidate = join(pluginDir, 'src', name);
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`${pluginDir}/src has no module.ts or module.tsx: Grafana loads a plugin from its module.js`);
}

/**
 * One webpack configuration per plugin, shaped like @grafana/create-plugin's: an AMD module.js that
 * Grafana's SystemJS loader can `define`, with Grafana's shared modules left external.
 */
export function webpackConfigFor(plugin: PluginManifest, mode: 'production' | 'development'): Configuration {
  const dist = join(plugin.dir, 'dist');
  const copy = (from: string, to = '.') => ({ from, to, noErrorOnMissing: false });
  return {
    name: plugin.id,
    mode,
    context: plugin.dir,
    devtool: 'source-map',
    entry: { module: entryOf(plugin.dir) },
    target: 'web',
    output: {
      path: dist,
      filename: '[name].js',
      chunkFilename: '[name].js?_cache=[contenthash]',
      library: { type: 'amd' },
      publicPath: `public/plugins/${plugin.id}/`,
      uniqueName: plugin.id,
      // The backend executables live in dist too and are built by a separate step.
      clean: { keep: /^gpx_/ },
    },
    externals: webpackExternals,
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.mjs'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                baseUrl: plugin.dir,
                target: 'es2020',
                loose: false,
                parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
        { test: /\.svg$/, type: 'asset/resource', generator: { filename: 'img/[name][ext]' } },
      ],
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'src/plugin.json',
            to: '.',
            transform: (content: Buffer) => renderPluginJson(content.toString('utf8'), plugin.version, new Date()),
          },
          {
            from: 'README.md',
            to: '.',
            // The repository's README links its images relatively (GitHub shows them); the catalog shows the
            // packaged README without its files, so there every relative link becomes an absolute URL.
            transform: (content: Buffer) =>
              absoluteReadmeLinks(content.toString('utf8'), {
                repository: readRepository(repoRoot),
                ref: readmeRef,
                folder: relative(repoRoot, plugin.dir).split('\\').join('/'),
              }),
          },
          copy('CHANGELOG.md'),
          copy(join(repoRoot, 'LICENSE')),
          copy('src/img', 'img'),
        ],
      }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}
