import React from 'react';
import { render } from '@testing-library/react';
import {
  createTheme,
  type DataFrame,
  EventBusSrv,
  getDefaultTimeRange,
  type GrafanaTheme2,
  type InterpolateFunction,
  LoadingState,
  type PanelProps,
} from '@grafana/data';
import { ThemeContext } from '@grafana/ui';
import { PolicyPanel } from '../PolicyPanel';
import { type PolicyOptions } from '../types';

export interface PanelSetup {
  frames: DataFrame[];
  options?: Partial<PolicyOptions>;
  width?: number;
  height?: number;
  theme?: GrafanaTheme2;
  id?: number;
  variables?: Record<string, string>;
}

export const testTheme = createTheme();

/** `$name` and `${name}` from the setup's variables, as Grafana's template service replaces them. */
const replaceVariables =
  (variables: Record<string, string> = {}): InterpolateFunction =>
  (value) =>
    value.replace(
      /\$\{(\w+)\}|\$(\w+)/g,
      (match, braced?: string, plain?: string) => variables[(braced ?? plain)!] ?? match
    );

/** PanelProps as Grafana passes them. */
export function panelProps(setup: PanelSetup): PanelProps<PolicyOptions> {
  const timeRange = getDefaultTimeRange();
  return {
    id: setup.id ?? 1,
    data: { series: setup.frames, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: (setup.options ?? {}) as PolicyOptions,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: setup.width ?? 1000,
    height: setup.height ?? 600,
    renderCounter: 0,
    title: 'Policies',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: replaceVariables(setup.variables),
    onChangeTimeRange: () => undefined,
  };
}

export function panelElement(setup: PanelSetup) {
  return (
    <ThemeContext.Provider value={setup.theme ?? testTheme}>
      <PolicyPanel {...panelProps(setup)} />
    </ThemeContext.Provider>
  );
}

export function renderPanel(setup: PanelSetup) {
  return render(panelElement(setup));
}
