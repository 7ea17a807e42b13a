import type { PlacedLink } from './types';

/**
 * Links are drawn as d3-shape's horizontal link stroked `width` wide: a cubic Bézier from
 * (x0, y0) to (x1, y1) with both control points at the middle x. Along it, with s = x1 − x0:
 *   x(t) = x0 + s · (1.5·t·(1 − t) + t³)      y(t) = y0 + (y1 − y0) · (3t² − 2t³)
 * x(t) only grows, so the t under a pointer is found by bisection.
 */
function curveT(link: PlacedLink, x: number): number {
  const span = link.x1 - link.x0;
  if (span <= 0) {
    return 0;
  }
  const goal = (x - link.x0) / span;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 18; step++) {
    const t = (low + high) / 2;
    if (1.5 * t * (1 - t) + t * t * t < goal) {
      low = t;
    } else {
      high = t;
    }
  }
  return (low + high) / 2;
}

/** Links are never drawn thinner than this, so the smallest flows stay visible. */
export const minLinkWidth = 1;

/** How far (vertically) the point is from the link's band; ≤ 0 means inside it. */
export function distanceOutsideLink(link: PlacedLink, x: number, y: number): number {
  if (x < link.x0 || x > link.x1) {
    return Infinity;
  }
  const t = curveT(link, x);
  const rise = link.y1 - link.y0;
  const centre = link.y0 + rise * (3 * t * t - 2 * t * t * t);
  // The stroke is `width` thick across the curve, so thicker vertically where the curve is steep.
  const dx = (link.x1 - link.x0) * (1.5 - 3 * t + 3 * t * t);
  const dy = rise * (6 * t - 6 * t * t);
  const slope = dx === 0 ? 0 : dy / dx;
  // Thin links get a few pixels of room, or they could hardly be hovered.
  const halfThickness = (Math.max(link.width, 3) / 2) * Math.sqrt(1 + slope * slope);
  return Math.abs(y - centre) - halfThickness;
}
