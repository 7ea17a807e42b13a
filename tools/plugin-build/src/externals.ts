import type { Configuration, ExternalItemFunctionData } from 'webpack';

/**
 * Modules Grafana's frontend provides to every plugin at runtime (the list @grafana/create-plugin uses).
 * Bundling any of them would ship a second React or @grafana/data next to Grafana's and break context,
 * theming and instanceof checks.
 */
export const grafanaSharedModules: readonly string[] = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'd3',
  'angular',
];

/** Package-name prefixes Grafana also provides: @grafana/ui, @grafana/runtime, @grafana/data and their subpaths. */
export const grafanaSharedPrefixes: readonly RegExp[] = [/^@grafana\/ui/i, /^@grafana\/runtime/i, /^@grafana\/data/i];

export function isGrafanaShared(request: string): boolean {
  return grafanaSharedModules.includes(request) || grafanaSharedPrefixes.some((prefix) => prefix.test(request));
}

export const webpackExternals: Configuration['externals'] = [
  // Grafana's loader exposes the module's own URL as the AMD dependency "module" (dynamic publicPath).
  { 'amd-module': 'module' },
  ...grafanaSharedModules,
  ...grafanaSharedPrefixes,
  // Legacy imports such as "grafana/app/core/..." resolve to Grafana's own modules without the prefix.
  ({ request }: ExternalItemFunctionData, callback: (error?: Error, result?: string) => void) => {
    if (request?.startsWith('grafana/')) {
      return callback(undefined, request.slice('grafana/'.length));
    }
    callback();
  },
];
