import React, { useMemo } from 'react';
import { type PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { ErrorBoundaryAlert } from '@grafana/ui';
import { buildChordModel } from './data/chordModel';
import { withDefaults } from './optionDefaults';
import { ChordView } from './render/ChordView';
import { type ChordOptions } from './types';

function ChordPanelContent({ id, data, options, fieldConfig, width, height }: PanelProps<ChordOptions>) {
  const chordOptions = useMemo(() => withDefaults(options), [options]);
  const chordData = useMemo(() => buildChordModel(data.series, chordOptions), [data.series, chordOptions]);
  if (chordData.kind === 'noData') {
    return <PanelDataErrorView panelId={id} data={data} fieldConfig={fieldConfig} />;
  }
  if (chordData.kind === 'problem') {
    return <PanelDataErrorView panelId={id} data={data} fieldConfig={fieldConfig} message={chordData.message} />;
  }
  return <ChordView model={chordData.model} options={chordOptions} width={width} height={height} />;
}

/**
 * The panel Grafana renders. Data problems are messages, not exceptions; should anything still throw,
 * the boundary shows it in this panel only and retries when data, options or size change.
 */
export function ChordPanel(props: PanelProps<ChordOptions>) {
  return (
    <ErrorBoundaryAlert
      title="The chord panel could not render this data"
      dependencies={[props.data, props.options, props.width, props.height]}
    >
      <ChordPanelContent {...props} />
    </ErrorBoundaryAlert>
  );
}
