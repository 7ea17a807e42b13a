import { resolve } from 'node:path';
import webpack, { type Configuration, type MultiStats } from 'webpack';
import { packagePlugin } from './packagePlugin.ts';
import { readPluginManifest } from './pluginManifest.ts';
import { validatePlugins } from './validator/validatePlugins.ts';
import { webpackConfigFor } from './webpackConfig.ts';

const usage = `Usage: plugin-build <build|dev|package|validate> <plugin-dir>...

  build     production build of each plugin into <plugin-dir>/dist
  dev       development build, rebuilt on every change until stopped
  package   zip each built plugin into artifacts/<id>-<version>.zip (+ .sha256)
  validate  run Grafana's plugin validator on each zip, without network; fails on errors

Environment: FLOWLENS_ARTIFACTS sets the package folder (default: <repo>/artifacts);
FLOWLENS_PLUGIN_VALIDATOR the validator (default: ../shared/tools/plugin-validator/plugincheck2).`;

const repoRoot = resolve(import.meta.dirname, '../../..');
const artifactsDir = process.env.FLOWLENS_ARTIFACTS ?? resolve(repoRoot, 'artifacts');

function report(stats: MultiStats | undefined): boolean {
  if (!stats) {
    return false;
  }
  const text = stats.toString({ preset: 'errors-warnings', colors: process.stdout.isTTY });
  if (text.trim()) {
    console.log(text);
  }
  return !stats.hasErrors();
}

function configs(dirs: string[], mode: 'production' | 'development'): Configuration[] {
  return dirs.map((dir) => webpackConfigFor(readPluginManifest(resolve(dir)), mode));
}

async function build(dirs: string[]): Promise<void> {
  const compiler = webpack(configs(dirs, 'production'));
  const stats = await new Promise<MultiStats | undefined>((done, fail) =>
    compiler.run((error, result) => (error ? fail(error) : done(result)))
  );
  await new Promise<void>((done) => compiler.close(() => done()));
  if (!report(stats)) {
    throw new Error('build failed');
  }
  console.log(`built ${dirs.map((dir) => readPluginManifest(resolve(dir)).id).join(', ')}`);
}

function dev(dirs: string[]): void {
  const compiler = webpack(configs(dirs, 'development'));
  compiler.watch({ aggregateTimeout: 200 }, (error, stats) => {
    if (error) {
      console.error(error.message);
      return;
    }
    if (report(stats)) {
      console.log(`[${new Date().toLocaleTimeString()}] rebuilt; reload Grafana's page to see it`);
    }
  });
}

async function packageAll(dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    const result = await packagePlugin(readPluginManifest(resolve(dir)), artifactsDir);
    console.log(`${result.zipPath}  sha256 ${result.sha256}`);
  }
}

async function validate(dirs: string[]): Promise<void> {
  const validator =
    process.env.FLOWLENS_PLUGIN_VALIDATOR ?? resolve(repoRoot, '../shared/tools/plugin-validator/plugincheck2');
  const plugins = dirs.map((dir) => readPluginManifest(resolve(dir)));
  if (!(await validatePlugins(plugins, artifactsDir, validator))) {
    throw new Error('the plugin validator found errors (listed above as ERROR)');
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...dirs] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(usage);
    return;
  }
  if (dirs.length === 0) {
    throw new Error(`"${command}" needs at least one plugin folder\n\n${usage}`);
  }
  switch (command) {
    case 'build':
      return build(dirs);
    case 'dev':
      return dev(dirs);
    case 'package':
      return packageAll(dirs);
    case 'validate':
      return validate(dirs);
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`plugin-build: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
