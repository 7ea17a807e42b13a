/**
 * The PanelDataErrorView the host hands plugins in @grafana/runtime. Grafana's app replaces the
 * runtime's bare default ("Unable to render data: …") with its own view at start-up; this stand-in
 * gives the same texts — the panel's message, else the field config's "No value" text or "No data"
 * when no frame has rows, else what the data lacks — without Grafana's visualization suggestions.
 */
import type { PanelDataErrorViewProps } from '@grafana/runtime';
import { FieldType } from '@grafana/data';
import React from 'react';

function messageFor({
  message,
  data,
  fieldConfig,
  needsNumberField,
  needsStringField,
  needsTimeField,
}: PanelDataErrorViewProps) {
  if (message) {
    return message;
  }
  const series = data.series ?? [];
  if (series.every((frame) => frame.length === 0)) {
    return fieldConfig?.defaults.noValue ?? 'No data';
  }
  const has = (type: FieldType) => series.some((frame) => frame.fields.some((field) => field.type === type));
  if (needsStringField && !has(FieldType.string)) {
    return 'Data is missing a string field';
  }
  if (needsNumberField && !has(FieldType.number)) {
    return 'Data is missing a number field';
  }
  if (needsTimeField && !has(FieldType.time)) {
    return 'Data is missing a time field';
  }
  return 'Cannot visualize data';
}

export function HostPanelDataErrorView(props: PanelDataErrorViewProps) {
  return (
    <div
      data-testid="panel-data-error-view"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%' }}
    >
      {messageFor(props)}
    </div>
  );
}
