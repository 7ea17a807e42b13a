import React from 'react';
import type { PanelProps } from '@grafana/data';
import type { ChordOptions } from './types';

export function ChordPanel({ data, width, height }: PanelProps<ChordOptions>) {
  const rows = data.series.reduce((count, frame) => count + frame.length, 0);
  return (
    <div style={{ width, height, overflow: 'hidden' }} data-testid="flowlens-chord">
      {rows} rows
    </div>
  );
}
