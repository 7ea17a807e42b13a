import { type MouseEvent, useCallback, useState } from 'react';
import type { Hit } from '../layout/hitIndex';

export interface ChartFocus {
  hit: NonNullable<Hit>;
  /** Pinned by a click: stays (with its data links clickable) until Escape or a click elsewhere. */
  pinned: boolean;
  /** Viewport position for the tooltip. */
  x: number;
  y: number;
}

const sameHit = (a: Hit, b: Hit) => a?.kind === b?.kind && a?.index === b?.index;

/**
 * Hover, keyboard focus and pinning for one panel instance. The pointer is resolved to a node or
 * link through the layout's hit index, so SVG and canvas behave the same.
 */
export function useChartFocus(hitAt: (x: number, y: number) => Hit) {
  const [focus, setFocus] = useState<ChartFocus | undefined>();

  const locate = useCallback(
    (event: MouseEvent<HTMLElement>): Hit => {
      // A node's own element (a keyboard target) names it exactly, even when thinner than a pixel.
      const element = event.target instanceof Element ? event.target.closest('rect[data-node]') : null;
      if (element) {
        return { kind: 'node', index: Number(element.getAttribute('data-node')) };
      }
      const box = event.currentTarget.getBoundingClientRect();
      return hitAt(event.clientX - box.left, event.clientY - box.top);
    },
    [hitAt]
  );

  const onMouseMove = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const hit = locate(event);
      const { clientX: x, clientY: y } = event;
      setFocus((current) => {
        if (current?.pinned) {
          return current;
        }
        if (!hit) {
          return undefined;
        }
        if (current && sameHit(current.hit, hit)) {
          // Same element: keep the hit object, so highlights computed from it are not redone.
          return current.x === x && current.y === y ? current : { ...current, x, y };
        }
        return { hit, pinned: false, x, y };
      });
    },
    [locate]
  );

  /** Pointer gone or focus moved on: a hover ends, a pinned tooltip stays (its links may be next). */
  const release = useCallback(() => setFocus((current) => (current?.pinned ? current : undefined)), []);

  const focusOn = useCallback((hit: NonNullable<Hit>, x: number, y: number) => {
    setFocus((current) => (current?.pinned ? current : { hit, pinned: false, x, y }));
  }, []);

  const pin = useCallback((hit: NonNullable<Hit>, x: number, y: number) => {
    setFocus((current) => (current?.pinned && sameHit(current.hit, hit) ? undefined : { hit, pinned: true, x, y }));
  }, []);

  const clear = useCallback(() => setFocus(undefined), []);

  return { focus, locate, onMouseMove, onMouseLeave: release, release, focusOn, pin, clear };
}
