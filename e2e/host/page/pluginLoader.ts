/// <reference types="systemjs" />
/**
 * Loads a plugin's dist/module.js the way Grafana does: SystemJS with its AMD extra, the shared modules
 * registered under a `package:` URL each and mapped from their bare names by an import map, and the
 * module fetched from `public/plugins/<id>/module.js`.
 */
import { AppPlugin, DataSourcePlugin, PanelPlugin, type PanelPluginMeta } from '@grafana/data';
import type { PluginSummary } from '../panelSpec.ts';
import { type SharedModule, sharedModules } from './sharedModules.ts';

let loaderReady: Promise<void> | undefined;

/**
 * SystemJS's AMD extra sets a global `define`. It is loaded only now, after every bundled library has
 * run: a UMD library evaluated after that (lodash checks `define.amd` first) would register itself as an
 * anonymous AMD module instead of exporting.
 */
function installAmdLoader(): Promise<void> {
  loaderReady ??= (async () => {
    // @ts-expect-error -- a script that sets window.System; its types come from @types/systemjs
    await import('systemjs/dist/system.js');
    // @ts-expect-error -- a script that adds AMD's global define to SystemJS
    await import('systemjs/dist/extras/amd.js');
    const imports: Record<string, string> = {};
    for (const [name, module] of Object.entries(sharedModules)) {
      System.set(`package:${name}`, module as System.Module);
      imports[name] = `package:${name}`;
    }
    System.addImportMap({ imports });
  })();
  return loaderReady;
}

function pluginBaseUrl(pluginId: string): string {
  return `public/plugins/${encodeURIComponent(pluginId)}`;
}

export function pluginModuleUrl(pluginId: string): string {
  return new URL(`/${pluginBaseUrl(pluginId)}/module.js`, location.href).href;
}

/**
 * Grafana sets `plugin.meta` from plugin.json (as its /api/plugins enriches it) before rendering; the
 * field config registry of a panel that calls useFieldConfig() reads meta.name.
 */
async function loadPanelMeta(pluginId: string): Promise<PanelPluginMeta> {
  const baseUrl = pluginBaseUrl(pluginId);
  const response = await fetch(`/${baseUrl}/plugin.json`);
  if (!response.ok) {
    throw new Error(`Could not read /${baseUrl}/plugin.json: ${response.status} ${response.statusText}`);
  }
  const manifest = await response.json();
  const logos = manifest.info?.logos ?? {};
  return {
    ...manifest,
    baseUrl,
    module: `${baseUrl}/module.js`,
    info: {
      ...manifest.info,
      logos: { small: `${baseUrl}/${logos.small ?? ''}`, large: `${baseUrl}/${logos.large ?? ''}` },
    },
  };
}

export async function importPluginModule(pluginId: string): Promise<Record<string, unknown>> {
  await installAmdLoader();
  const url = pluginModuleUrl(pluginId);
  try {
    return await System.import(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const missingModule = /Unable to resolve bare specifier '([^']+)'/.exec(reason)?.[1];
    const hint = missingModule
      ? `the panel host does not provide "${missingModule}"; it provides ${Object.keys(sharedModules).join(', ')}`
      : 'is the plugin built (npm run build) and its id in dist/plugin.json?';
    throw new Error(`Could not load plugin ${pluginId} from ${url}: ${reason} (${hint})`);
  }
}

export async function loadPanelPlugin(pluginId: string): Promise<PanelPlugin> {
  const exports = await importPluginModule(pluginId);
  const plugin = exports.plugin;
  if (!(plugin instanceof PanelPlugin)) {
    throw new Error(
      `Plugin ${pluginId} does not export \`plugin\` as a PanelPlugin of the host's @grafana/data (exports: ${Object.keys(exports).join(', ')})`
    );
  }
  if (!plugin.panel) {
    throw new Error(`Plugin ${pluginId} has no panel component (new PanelPlugin(null))`);
  }
  plugin.meta ??= await loadPanelMeta(pluginId);
  return plugin;
}

export async function describePlugin(pluginId: string): Promise<PluginSummary> {
  const exports = await importPluginModule(pluginId);
  const plugin = exports.plugin;
  // Order matters: DataSourcePlugin and PanelPlugin are both GrafanaPlugins, AppPlugin too.
  const kind =
    plugin instanceof PanelPlugin
      ? 'panel'
      : plugin instanceof DataSourcePlugin
        ? 'datasource'
        : plugin instanceof AppPlugin
          ? 'app'
          : 'unknown';
  // SystemJS adds `default` (the AMD value) and webpack `__esModule`; neither is the plugin's own export.
  const exportNames = Object.keys(exports).filter((name) => !['default', '__esModule', '__useDefault'].includes(name));
  return { pluginId, kind, exportNames };
}

/** What a plugin's AMD define callback receives for `name` (SystemJS's AMD extra unwraps `default` when asked to). */
export function sharedModuleValue(name: string): unknown {
  const module: SharedModule | undefined = sharedModules[name];
  if (!module) {
    return undefined;
  }
  return module.__useDefault ? module.default : module;
}
