/**
 * The `/unstable` entry points Grafana 12 and later share with plugins. A host built for an older
 * Grafana gets noUnstableEntryPoints.ts in this file's place (buildHostBundle.ts), as those packages
 * have no such entry points and that Grafana shares none.
 */
import * as grafanaDataUnstable from '@grafana/data/unstable';
import * as grafanaRuntimeUnstable from '@grafana/runtime/unstable';
import * as grafanaUiUnstable from '@grafana/ui/unstable';

export const unstableEntryPoints: Readonly<Record<string, object>> = {
  '@grafana/data/unstable': grafanaDataUnstable,
  '@grafana/runtime/unstable': grafanaRuntimeUnstable,
  '@grafana/ui/unstable': grafanaUiUnstable,
};
