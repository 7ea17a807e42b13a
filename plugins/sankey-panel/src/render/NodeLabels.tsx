import React, { memo } from 'react';
import type { SankeyLayout } from '../layout/types';

interface Props {
  layout: SankeyLayout;
  className: string;
}

interface LabelProps extends Props {
  highlighted?: ReadonlySet<number>;
}

/** Labels with a halo in the panel's background colour, so they stay legible over links. */
export const NodeLabels = memo(function NodeLabels({ layout, className, highlighted }: LabelProps) {
  return (
    <g className={className} aria-hidden data-testid="sankey-labels">
      {layout.labels.map((label) => (
        <text
          key={label.node}
          x={label.x}
          y={label.y}
          dy="0.35em"
          textAnchor={label.anchor}
          opacity={highlighted && !highlighted.has(label.node) ? 0.4 : undefined}
          data-node={label.node}
        >
          {label.text}
        </text>
      ))}
    </g>
  );
});

export const ColumnHeaders = memo(function ColumnHeaders({ layout, className }: Props) {
  return (
    <g className={className} data-testid="sankey-headers">
      {layout.headers.map((header, index) => (
        <text key={index} x={header.x} y={0} dy="1em" textAnchor={header.anchor}>
          {header.text}
        </text>
      ))}
    </g>
  );
});
