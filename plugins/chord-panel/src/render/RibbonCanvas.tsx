import React, { type MutableRefObject, memo, useLayoutEffect, useRef } from 'react';
import { type ChordLayout } from '../layout/chordLayout';
import { type PathSink } from './chordPaths';

/** Finds the topmost ribbon under a point given relative to the chord's centre. */
export type RibbonHitTest = (x: number, y: number) => number | undefined;

interface Props {
  layout: ChordLayout;
  colors: string[];
  opacity: number;
  draw: (ribbon: ChordLayout['ribbons'][number], sink: PathSink) => string;
  hitTestRef: MutableRefObject<RibbonHitTest | undefined>;
}

/** Canvas is only used where the browser has one; jsdom and very old engines fall back to SVG. */
export const canvasAvailable = () =>
  typeof Path2D === 'function' &&
  typeof document !== 'undefined' &&
  document.createElement('canvas').getContext('2d') !== null;

/**
 * Ribbons painted on a canvas, for chords with more ribbons than SVG can lay out in a frame. Painting
 * happens before the browser shows the frame; paths for hit testing are built only on the first hover,
 * so the first render pays for painting alone.
 */
export const RibbonCanvas = memo(function RibbonCanvas({ layout, colors, opacity, draw, hitTestRef }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(layout.width * ratio);
    canvas.height = Math.round(layout.height * ratio);
    context.setTransform(ratio, 0, 0, ratio, layout.centerX * ratio, layout.centerY * ratio);
    context.clearRect(-layout.centerX, -layout.centerY, layout.width, layout.height);
    context.globalAlpha = opacity;
    for (const ribbon of layout.ribbons) {
      context.beginPath();
      draw(ribbon, context);
      context.fillStyle = colors[ribbon.id] ?? 'gray';
      context.fill();
    }

    let paths: Path2D[] | undefined;
    hitTestRef.current = (x, y) => {
      paths ??= layout.ribbons.map((ribbon) => {
        const path = new Path2D();
        draw(ribbon, path);
        return path;
      });
      // Paths are centred on (0, 0); with an identity transform the point is compared in the same space.
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      try {
        for (let id = paths.length - 1; id >= 0; id--) {
          if (context.isPointInPath(paths[id]!, x, y)) {
            return id;
          }
        }
        return undefined;
      } finally {
        context.restore();
      }
    };
    return () => {
      hitTestRef.current = undefined;
    };
  }, [layout, colors, opacity, draw, hitTestRef]);

  return (
    <canvas
      ref={canvasRef}
      data-testid="chord-ribbons-canvas"
      style={{ position: 'absolute', left: 0, top: 0, width: layout.width, height: layout.height }}
    />
  );
});
