import React, { memo } from 'react';
import { minLinkWidth } from '../layout/linkCurve';
import type { SankeyLayout } from '../layout/types';
import type { LinkPaint } from './linkColors';

interface BaseProps {
  layout: SankeyLayout;
  paths: string[];
  paints: LinkPaint[];
  gradientId: (link: number) => string;
}

function stroke(paint: LinkPaint | undefined, id: string): string {
  if (!paint) {
    return 'currentColor';
  }
  return paint.from === paint.to ? paint.from : `url(#${id})`;
}

/** Every link, widest first; re-rendered only when the layout or colours change, not on hover. */
export const SvgLinks = memo(function SvgLinks({ layout, paths, paints, gradientId }: BaseProps) {
  const gradients = layout.links.flatMap((link, index) => {
    const paint = paints[index];
    if (!paint || paint.from === paint.to) {
      return [];
    }
    // User-space coordinates: a perfectly flat link has a zero-height box and would lose its paint.
    return [
      <linearGradient
        key={index}
        id={gradientId(index)}
        gradientUnits="userSpaceOnUse"
        x1={link.x0}
        x2={link.x1}
        y1={0}
        y2={0}
      >
        <stop offset="0%" stopColor={paint.from} />
        <stop offset="100%" stopColor={paint.to} />
      </linearGradient>,
    ];
  });
  return (
    <g fill="none" data-testid="sankey-links">
      {gradients.length > 0 && <defs>{gradients}</defs>}
      {Array.from(layout.drawOrder, (index) => (
        <path
          key={index}
          d={paths[index]}
          stroke={stroke(paints[index], gradientId(index))}
          strokeWidth={Math.max(minLinkWidth, layout.links[index]!.width)}
        />
      ))}
    </g>
  );
});

interface FlowProps extends BaseProps {
  flow: Float64Array;
}

/**
 * The hovered element's flows, over the dimmed links: each link as thick as the part of it that
 * runs through the hovered node or link.
 */
export function SvgFlowHighlight({ layout, paths, paints, gradientId, flow }: FlowProps) {
  return (
    <g fill="none" data-testid="sankey-highlight">
      {Array.from(layout.drawOrder).flatMap((index) => {
        const link = layout.links[index]!;
        const share = link.value > 0 ? Math.min(1, flow[index]! / link.value) : 0;
        if (!(share > 0)) {
          return [];
        }
        return [
          <path
            key={index}
            d={paths[index]}
            stroke={stroke(paints[index], gradientId(index))}
            strokeWidth={Math.max(minLinkWidth, link.width * share)}
          />,
        ];
      })}
    </g>
  );
}
