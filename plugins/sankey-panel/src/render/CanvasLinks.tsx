import { css } from '@emotion/css';
import React, { memo, useLayoutEffect, useRef } from 'react';
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

function paintFor(
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
 * Links and nodes drawn on a canvas: past a few thousand links, SVG elements cost more to create,
 * style and hit-test than the picture is worth. One stroke per link, widest first.
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
    const trace = canvasLinkTracer(context);
    for (const index of layout.drawOrder) {
      const link = layout.links[index]!;
      const share = flow ? (link.value > 0 ? Math.min(1, flow[index]! / link.value) : 0) : 1;
      const paint = paints[index];
      if (!(share > 0) || !paint) {
        continue;
      }
      context.beginPath();
      trace(link);
      context.lineWidth = Math.max(1, link.width * share);
      context.strokeStyle = paintFor(context, paint, link.x0, link.x1);
      context.stroke();
    }
    context.globalAlpha = 1;
    layout.nodes.forEach((node, index) => {
      if (nodes && !nodes.has(index)) {
        return;
      }
      context.fillStyle = nodeColors[index] ?? 'gray';
      context.fillRect(node.x0, node.y0, node.x1 - node.x0, Math.max(0.5, node.y1 - node.y0));
    });
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
