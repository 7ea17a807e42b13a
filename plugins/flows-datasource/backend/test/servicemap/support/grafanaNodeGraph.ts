import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Grafana's own names for the node graph's fields and its icon list, from the @grafana/data the plugin
 * builds against (13.1): `NodeGraphDataFrameFieldNames` (utils/nodeGraph) and `availableIconsIndex`
 * (types/icon). Both modules are self-contained; they are imported by file because the package's
 * exports map offers only its whole entry point, which needs a browser-like environment.
 */
export interface GrafanaNodeGraphNames {
  fieldNames: Record<string, string>;
  icons: Record<string, boolean>;
}

export async function grafanaNodeGraphNames(): Promise<GrafanaNodeGraphNames> {
  const esm = join(dirname(createRequire(import.meta.url).resolve('@grafana/data')), '..', 'esm');
  const load = (path: string) => import(pathToFileURL(join(esm, path)).href) as Promise<Record<string, unknown>>;
  const [{ NodeGraphDataFrameFieldNames }, { availableIconsIndex }] = await Promise.all([
    load('utils/nodeGraph.mjs'),
    load('types/icon.mjs'),
  ]);
  return {
    fieldNames: NodeGraphDataFrameFieldNames as Record<string, string>,
    icons: availableIconsIndex as Record<string, boolean>,
  };
}
