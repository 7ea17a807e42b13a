/**
 * Which Grafana the panel host stands in for: its @grafana/data, ui, runtime and schema are the ones
 * plugins get from that Grafana. `current` is what we build against (the packages' own names);
 * `oldest` is the oldest Grafana the panels declare in plugin.json (`grafanaDependency`), installed
 * under npm aliases in e2e/package.json, so the panel specs prove the declared range.
 */
export type HostGrafana = 'current' | 'oldest';

/** The oldest Grafana the panels declare; the aliases below are its packages. */
export const oldestGrafanaVersion = '11.0.0';

const sharedGrafanaPackages = ['@grafana/data', '@grafana/runtime', '@grafana/schema', '@grafana/ui'] as const;

/** esbuild `alias` for a host build: each shared @grafana package to the installed copy of that version. */
export function grafanaPackageAliases(grafana: HostGrafana): Record<string, string> {
  if (grafana === 'current') {
    return {};
  }
  const [major, minor] = oldestGrafanaVersion.split('.');
  return Object.fromEntries(sharedGrafanaPackages.map((name) => [name, `${name}-${major}.${minor}`]));
}

/** The package whose icons and version the host serves: @grafana/ui itself or its alias. */
export function grafanaUiPackage(grafana: HostGrafana): string {
  return grafanaPackageAliases(grafana)['@grafana/ui'] ?? '@grafana/ui';
}
