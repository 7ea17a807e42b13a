import { css } from '@emotion/css';
import React, { memo, useLayoutEffect, useRef } from 'react';
import { minLinkWidth } from '../layout/linkCurve';
import type { SankeyLayout } from '../layout/types';
import type { LinkPaint } from './linkColors';
import { canvasLinkTracer } from './linkPath';

interface Props {
  layout: SankeyLayout;
  paints: LinkPaint[];
  nodeColors: string[];
  opacity: number;
  /** When set, only these shares of each link are drawn (the hover highlight layer). */
  flow?: Float64Array;
  /** Nodes to draw; the highlight layer passes just the ones on the hovered paths. */
  nodes?: ReadonlySet<number>;
  className?: string;
}

const canvasStyle = css({ position: 'absolute', left: 0, top: 0, pointerEvents: 'none' });

function paintStyle(
  context: CanvasRenderingContext2D,
  paint: LinkPaint,
  x0: number,
  x1: number
): string | CanvasGradient {
  if (paint.from === paint.to) {
    return paint.from;
  }
  const gradient = context.createLinearGradient(x0, 0, x1, 0);
  gradient.addColorStop(0, paint.from);
  gradient.addColorStop(1, paint.to);
  return gradient;
}

/**
 * Strokes every link, widest first. Most links of a big graph are hairlines: those that share a
 * paint go into one path and one stroke call (a gradient depends on the link's x span, which links
 * between the same two columns share), leaving a call per link only for the visibly wide ones.
 */
function strokeLinks(
  context: CanvasRenderingContext2D,
  layout: SankeyLayout,
  paints: LinkPaint[],
  flow: Float64Array | undefined
) {
  const trace = canvasLinkTracer(context);
  const hairlines = new Map<string, { paint: LinkPaint; x0: number; x1: number; links: number[] }>();
  for (const index of layout.drawOrder) {
    const link = layout.links[index]!;
    const paint = paints[index];
    const width = link.width * (flow ? (link.value > 0 ? Math.min(1, flow[index]! / link.value) : 0) : 1);
    if (!paint || !(width > 0)) {
      continue;
    }
    if (width > minLinkWidth) {
      context.beginPath();
      trace(link);
      context.lineWidth = width;
      context.strokeStyle = paintStyle(context, paint, link.x0, link.x1);
      context.stroke();
      continue;
    }
    const key = paint.from === paint.to ? paint.from : `${paint.from}|${paint.to}|${link.x0}|${link.x1}`;
    const group = hairlines.get(key);
    if (group) {
      group.links.push(index);
    } else {
      hairlines.set(key, { paint, x0: link.x0, x1: link.x1, links: [index] });
    }
  }
  context.lineWidth = minLinkWidth;
  for (const group of hairlines.values()) {
    context.beginPath();
    for (const index of group.links) {
      trace(layout.links[index]!);
    }
    context.strokeStyle = paintStyle(context, group.paint, group.x0, group.x1);
    context.stroke();
  }
}

/**
 * Links and nodes drawn on a canvas: past a few thousand links, SVG elements cost more to create,
 * style and hit-test than the picture is worth.
 */
export const CanvasLinks = memo(function CanvasLinks({
  layout,
  paints,
  nodeColors,
  opacity,
  flow,
  nodes,
  className,
}: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width, height } = layout;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);

    context.globalAlpha = opacity;
    strokeLinks(context, layout, paints, flow);

    context.globalAlpha = 1;
    const byColor = new Map<string, number[]>();
    layout.nodes.forEach((_, index) => {
      if (!nodes || nodes.has(index)) {
        const color = nodeColors[index] ?? 'gray';
        const members = byColor.get(color);
        if (members) {
          members.push(index);
        } else {
          byColor.set(color, [index]);
        }
      }
    });
    for (const [color, members] of byColor) {
      context.beginPath();
      for (const index of members) {
        const node = layout.nodes[index]!;
        context.rect(node.x0, node.y0, node.x1 - node.x0, Math.max(0.5, node.y1 - node.y0));
      }
      context.fillStyle = color;
      context.fill();
    }
  }, [layout, paints, nodeColors, opacity, flow, nodes, width, height]);

  return (
    <canvas
      ref={canvasRef}
      className={className ? `${canvasStyle} ${className}` : canvasStyle}
      style={{ width, height }}
      data-testid={flow ? 'sankey-canvas-highlight' : 'sankey-canvas'}
      aria-hidden
    />
  );
});
