import React from 'react';
import { LegendDisplayMode, VizLegend } from '@grafana/ui';
import { type LegendEntry } from './ribbonColors';

/** What the ribbon colors mean when they come from a field (Allow, Drop, Reject …). */
export function ColorLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <VizLegend
      placement="bottom"
      displayMode={LegendDisplayMode.List}
      readonly
      items={entries.map((entry) => ({ label: entry.text, color: entry.color, yAxis: 1 }))}
    />
  );
}
