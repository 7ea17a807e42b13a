import React, { memo } from 'react';

interface Props {
  paths: string[];
  colors: string[];
  opacity: number;
}

/**
 * Every ribbon as an SVG path, drawn once per layout: hover and isolation never re-render it (they fade
 * the whole layer and draw the highlighted ribbons on top), so thousands of paths stay cheap.
 * Ribbons carry their id for the pointer handlers of the enclosing element.
 */
export const RibbonLayer = memo(function RibbonLayer({ paths, colors, opacity }: Props) {
  return (
    <g fillOpacity={opacity} data-testid="chord-ribbons">
      {paths.map((d, id) => (
        <path key={id} d={d} fill={colors[id]} data-ribbon={id} />
      ))}
    </g>
  );
});
