import './jsdomGaps';
import React from 'react';
import { render } from '@testing-library/react';
import {
  type DataFrame,
  EventBusSrv,
  type FieldConfigSource,
  getDefaultTimeRange,
  type GrafanaTheme2,
  LoadingState,
  type PanelProps,
} from '@grafana/data';
import { ThemeContext } from '@grafana/ui';
import { ChordPanel } from '../ChordPanel';
import { type ChordOptions } from '../types';
import { asPanelFrames, testReplaceVariables, testTheme } from './flowFrames';

export interface PanelSetup {
  frames: DataFrame[];
  options?: Partial<ChordOptions>;
  fieldConfig?: FieldConfigSource;
  width?: number;
  height?: number;
  theme?: GrafanaTheme2;
  id?: number;
}

/** PanelProps as Grafana passes them: frames with field config applied, a time range, an event bus. */
export function panelProps(setup: PanelSetup): PanelProps<ChordOptions> {
  const fieldConfig = setup.fieldConfig ?? { defaults: {}, overrides: [] };
  const theme = setup.theme ?? testTheme;
  const timeRange = getDefaultTimeRange();
  return {
    id: setup.id ?? 1,
    data: { series: asPanelFrames(setup.frames, fieldConfig, theme), state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: (setup.options ?? {}) as ChordOptions,
    fieldConfig,
    transparent: false,
    width: setup.width ?? 500,
    height: setup.height ?? 400,
    renderCounter: 0,
    title: 'Chord',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: testReplaceVariables,
    onChangeTimeRange: () => undefined,
  };
}

export function panelElement(setup: PanelSetup) {
  return (
    <ThemeContext.Provider value={setup.theme ?? testTheme}>
      <ChordPanel {...panelProps(setup)} />
    </ThemeContext.Provider>
  );
}

export function renderPanel(setup: PanelSetup) {
  return render(panelElement(setup));
}
