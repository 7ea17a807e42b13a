import React, { memo, useLayoutEffect, useRef } from 'react';
import { type RibbonLayout } from '../layout/chordLayout';
import { ribbonBatches } from './ribbonBatches';
import { type ChordColors } from './ribbonColors';
import { ribbonShapes } from './ribbonShapes';

interface Props {
  ribbons: RibbonLayout[];
  draw: (ribbon: RibbonLayout) => string;
  colors: ChordColors;
  opacity: number;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/**
 * Every ribbon as an SVG path (a split ribbon as one path per band). Thousands of paths are built with the DOM API in one fragment rather
 * than as React elements (half the main-thread time), once per layout: hover and isolation never
 * rebuild them, they fade the whole layer and draw the highlighted ribbons on top. Each path carries
 * its ribbon id for the pointer handlers around it.
 */
export const RibbonLayer = memo(function RibbonLayer({ ribbons, draw, colors, opacity }: Props) {
  const layer = useRef<SVGGElement>(null);

  useLayoutEffect(() => {
    const group = layer.current;
    if (!group) {
      return;
    }
    const append = ([start, end]: [number, number]) => {
      const fragment = document.createDocumentFragment();
      for (let id = start; id < end; id++) {
        for (const shape of ribbonShapes(ribbons[id]!, colors, draw)) {
          const path = document.createElementNS(svgNamespace, 'path');
          path.setAttribute('d', shape.d);
          path.setAttribute('fill', shape.fill);
          path.setAttribute('data-ribbon', String(id));
          fragment.appendChild(path);
        }
      }
      group.appendChild(fragment);
    };
    group.replaceChildren();
    const [first, ...later] = ribbonBatches(ribbons.length);
    if (first) {
      append(first);
    }
    let frame: number | undefined;
    const next = () => {
      const batch = later.shift();
      if (batch) {
        append(batch);
        frame = requestAnimationFrame(next);
      }
    };
    if (later.length > 0) {
      frame = requestAnimationFrame(next);
    }
    return () => {
      if (frame !== undefined) {
        cancelAnimationFrame(frame);
      }
    };
  }, [ribbons, draw, colors]);

  return <g ref={layer} fillOpacity={opacity} data-testid="chord-ribbons" />;
});
