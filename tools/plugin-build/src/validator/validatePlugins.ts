import { accessSync, constants, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PluginManifest } from '../pluginManifest.ts';
import { isolationDescription } from './runPlugincheck.ts';
import { formatNotChecked, formatVerdict } from './summary.ts';
import { validateZip } from './validateZip.ts';
import { judge } from './verdict.ts';

/**
 * Runs Grafana's plugin validator on each plugin's packaged zip and prints what it found. Resolves to
 * false when any zip has an error that no allowance covers.
 */
export async function validatePlugins(plugins: PluginManifest[], artifactsDir: string, validator: string) {
  try {
    accessSync(validator, constants.X_OK);
  } catch {
    throw new Error(
      `Grafana's plugin validator is not at ${validator}: it comes with ../shared/tools/plugin-validator ` +
        '(or set FLOWLENS_PLUGIN_VALIDATOR to its path)'
    );
  }
  console.log(`${validator} (${isolationDescription()})\n`);
  let passed = true;
  for (const plugin of plugins) {
    const zip = join(artifactsDir, `${plugin.id}-${plugin.version}.zip`);
    if (!existsSync(zip)) {
      throw new Error(`${zip} is missing: run "npm run package" before validating`);
    }
    const result = await validateZip(validator, zip);
    if (result.id !== plugin.id || result.version !== plugin.version) {
      throw new Error(`${zip} holds ${result.id} ${result.version}, not ${plugin.id} ${plugin.version}`);
    }
    const verdict = judge(plugin.id, result.diagnostics);
    console.log(`${formatVerdict(basename(zip), verdict)}\n`);
    passed &&= verdict.errors.length === 0;
  }
  console.log(formatNotChecked());
  return passed;
}
