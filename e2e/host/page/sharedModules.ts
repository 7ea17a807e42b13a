/**
 * The modules Grafana's frontend hands to plugins, under the names a plugin's AMD `define([...])` asks
 * for. Built from the exact @grafana/* and React versions we build against (or those of the oldest Grafana
 * we support, see hostGrafana.ts), so a panel here talks to
 * the same React, theme context and classes as it would in Grafana. Names and wrapping follow
 * Grafana's plugin loader (sharedDependencies); modules Grafana shares but we do not install (d3,
 * angular, monaco) are left out, and a plugin asking for one fails to load with a clear error.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import { HostPanelDataErrorView } from './dataErrorView.tsx';
import { unstableEntryPoints } from './unstableEntryPoints.ts';
import i18next from 'i18next';
import jquery from 'jquery';
import lodash from 'lodash';
import moment from 'moment';
// @ts-expect-error -- ships no type declarations; the host only passes it on
import prismjs from 'prismjs';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
import * as reactJsxDevRuntime from 'react/jsx-dev-runtime';
import * as reactJsxRuntime from 'react/jsx-runtime';
import * as reactRedux from 'react-redux';
// @ts-expect-error -- ships no type declarations; the host only passes it on
import * as reactRouterDom from 'react-router-dom';
import * as reactRouterCompat from 'react-router-dom-v5-compat';
import * as redux from 'redux';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
// @ts-expect-error -- ships no type declarations; the host only passes it on
import * as slate from 'slate';
// @ts-expect-error -- ships no type declarations; the host only passes it on
import * as slatePlainSerializer from 'slate-plain-serializer';
// @ts-expect-error -- ships no type declarations; the host only passes it on
import * as slateReact from 'slate-react';

/** What SystemJS keeps for one shared name; its AMD extra passes `default` when `__useDefault` is set. */
export type SharedModule = Record<string | symbol, unknown>;

/**
 * A live view of a namespace, marked as an ES module: webpack's interop in the plugin then takes
 * `import React from 'react'` from `default`, and re-assigned exports (such as @grafana/runtime's
 * `locationService` after setLocationService) are seen as they are now, not as they were at load.
 */
function esModule(namespace: object, extra: Record<string, unknown> = {}): SharedModule {
  const source: Record<string, unknown> = { ...extra };
  const module: SharedModule = Object.create(null);
  const keys = new Set([...Object.keys(namespace), ...Object.keys(extra)]);
  for (const key of keys) {
    Object.defineProperty(module, key, {
      enumerable: true,
      get: () => (key in source ? source[key] : (namespace as Record<string, unknown>)[key]),
    });
  }
  Object.defineProperty(module, '__esModule', { value: true });
  Object.defineProperty(module, Symbol.toStringTag, { value: 'Module' });
  return module;
}

/** A module whose AMD value is one object (lodash's `_`, moment, jQuery), as Grafana shares them. */
function defaultOnly(value: unknown): SharedModule {
  return esModule({}, { default: value, __useDefault: true });
}

// Grafana keeps the plugin base classes reachable from @grafana/ui for plugins written before 6.5.
const grafanaUiWithLegacyClasses = esModule(grafanaUi, {
  PanelPlugin: grafanaData.PanelPlugin,
  DataSourcePlugin: grafanaData.DataSourcePlugin,
  AppPlugin: grafanaData.AppPlugin,
  DataSourceApi: grafanaData.DataSourceApi,
});

export const sharedModules: Readonly<Record<string, SharedModule>> = {
  '@emotion/css': esModule(emotionCss),
  '@emotion/react': esModule(emotionReact),
  '@grafana/data': esModule(grafanaData),
  // Grafana's app sets its own data error view at start-up; so does the host.
  '@grafana/runtime': esModule(grafanaRuntime, { PanelDataErrorView: HostPanelDataErrorView }),
  '@grafana/ui': grafanaUiWithLegacyClasses,
  '@grafana/slate-react': esModule(slateReact),
  emotion: esModule(emotionCss),
  i18next: defaultOnly(i18next),
  jquery: defaultOnly(jquery),
  lodash: defaultOnly(lodash),
  moment: defaultOnly(moment),
  prismjs: esModule({}, { default: prismjs }),
  react: esModule(react),
  'react/jsx-runtime': esModule(reactJsxRuntime),
  'react/jsx-dev-runtime': esModule(reactJsxDevRuntime),
  'react-dom': esModule(reactDom),
  'react-dom/client': esModule(reactDomClient),
  'react-redux': esModule(reactRedux),
  'react-router-dom': esModule(reactRouterDom),
  // Grafana answers "react-router" with the v6 API of the compat package (its v5 → v6 migration path).
  'react-router': esModule(reactRouterCompat),
  redux: esModule(redux),
  rxjs: esModule(rxjs),
  'rxjs/operators': esModule(rxjsOperators),
  slate: esModule(slate),
  'slate-plain-serializer': esModule(slatePlainSerializer),
  'slate-react': esModule(slateReact),
  ...Object.fromEntries(Object.entries(unstableEntryPoints).map(([name, namespace]) => [name, esModule(namespace)])),
};
