import type { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { ErrorBoundaryAlert } from '@grafana/ui';
import React, { useId, useMemo } from 'react';
import { buildGraph } from './data/buildGraph';
import { SankeyChart } from './render/SankeyChart';
import { defaultSankeyOptions } from './optionDefaults';
import type { SankeyOptions } from './types';

/**
 * The panel: query result → graph (data/) → picture (render/, which calls layout/). No data and
 * unusable data get Grafana's standard no-data view, with a message saying what is missing.
 */
export function SankeyPanel({ data, options: saved, fieldConfig, id, width, height }: PanelProps<SankeyOptions>) {
  // Grafana fills in option defaults; a dashboard saved by an older version may still lack some.
  const options = { ...defaultSankeyOptions, ...saved };
  const instanceId = `flowlens-sankey-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const {
    sourceField,
    targetField,
    hopFields,
    valueField,
    valueReducer,
    emptyNames,
    emptyLabel,
    topLinks,
    otherLabel,
    minValue,
  } = options;
  // Only the options that change the graph rebuild it; colours and layout options do not.
  const result = useMemo(
    () =>
      buildGraph(data.series, {
        sourceField,
        targetField,
        hopFields,
        valueField,
        valueReducer,
        emptyNames,
        emptyLabel,
        topLinks,
        otherLabel,
        minValue,
      }),
    [
      data.series,
      sourceField,
      targetField,
      hopFields,
      valueField,
      valueReducer,
      emptyNames,
      emptyLabel,
      topLinks,
      otherLabel,
      minValue,
    ]
  );

  if (result.kind === 'noData') {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} />;
  }
  if (result.kind === 'problem') {
    return (
      <PanelDataErrorView
        panelId={id}
        fieldConfig={fieldConfig}
        data={data}
        message={result.message}
        needsNumberField={result.needsNumberField}
        needsStringField={result.needsStringField}
      />
    );
  }
  return <SankeyChart graph={result.graph} options={options} width={width} height={height} instanceId={instanceId} />;
}

/** Whatever goes wrong while drawing stays inside this panel, with a message instead of a blank. */
export function SafeSankeyPanel(props: PanelProps<SankeyOptions>) {
  return (
    <ErrorBoundaryAlert
      title="The Sankey could not draw this data"
      dependencies={[props.data, props.options, props.width, props.height]}
    >
      <SankeyPanel {...props} />
    </ErrorBoundaryAlert>
  );
}
