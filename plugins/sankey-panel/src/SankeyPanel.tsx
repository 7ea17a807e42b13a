import React from 'react';
import type { PanelProps } from '@grafana/data';
import type { SankeyOptions } from './types';

export function SankeyPanel({ data, width, height }: PanelProps<SankeyOptions>) {
  const rows = data.series.reduce((count, frame) => count + frame.length, 0);
  return (
    <div style={{ width, height, overflow: 'hidden' }} data-testid="flowlens-sankey">
      {rows} rows
    </div>
  );
}
