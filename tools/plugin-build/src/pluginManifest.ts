import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a plugin's package.json and src/plugin.json the build needs. */
export interface PluginManifest {
  dir: string;
  id: string;
  type: 'panel' | 'datasource' | 'app';
  version: string;
  hasBackend: boolean;
  executable?: string;
}

export function readPluginManifest(pluginDir: string): PluginManifest {
  const pkg = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as { version?: string };
  const pluginJsonPath = join(pluginDir, 'src', 'plugin.json');
  const pluginJson = JSON.parse(readFileSync(pluginJsonPath, 'utf8')) as {
    id?: string;
    type?: PluginManifest['type'];
    backend?: boolean;
    executable?: string;
  };
  if (!pluginJson.id || !pluginJson.type) {
    throw new Error(`${pluginJsonPath} needs "id" and "type"`);
  }
  if (!pkg.version) {
    throw new Error(`${join(pluginDir, 'package.json')} needs a "version": it becomes the plugin version`);
  }
  return {
    dir: pluginDir,
    id: pluginJson.id,
    type: pluginJson.type,
    version: pkg.version,
    hasBackend: pluginJson.backend === true,
    executable: pluginJson.executable,
  };
}

/** plugin.json is a template: %VERSION% and %TODAY% are filled at build time, as create-plugin does. */
export function renderPluginJson(source: string, version: string, today: Date): string {
  return source.replaceAll('%VERSION%', version).replaceAll('%TODAY%', today.toISOString().slice(0, 10));
}
