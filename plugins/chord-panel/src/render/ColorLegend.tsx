import React from 'react';
import { LegendDisplayMode, VizLegend, VizLayout } from '@grafana/ui';
import { type LegendEntry } from './ribbonColors';

/** What the ribbon colours mean when they come from a field (Allow, Drop, Reject …). */
export function ColorLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <VizLayout.Legend placement="bottom" maxHeight="35%">
      <VizLegend
        placement="bottom"
        displayMode={LegendDisplayMode.List}
        readonly
        items={entries.map((entry) => ({ label: entry.text, color: entry.color, yAxis: 1 }))}
      />
    </VizLayout.Legend>
  );
}
