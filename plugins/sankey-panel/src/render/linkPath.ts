import { linkHorizontal } from 'd3-shape';
import type { PlacedLink } from '../layout/types';

type Point = [number, number];

const start = (link: PlacedLink): Point => [link.x0, link.y0];
const end = (link: PlacedLink): Point => [link.x1, link.y1];

const svgPath = linkHorizontal<PlacedLink, Point>().source(start).target(end);

/** The SVG path of a link's centre line: the curve layout/linkCurve.ts hit-tests. */
export function linkPathData(link: PlacedLink): string {
  return svgPath(link) ?? '';
}

/** A tracer that adds link centre lines to a canvas path. */
export function canvasLinkTracer(context: CanvasRenderingContext2D): (link: PlacedLink) => void {
  const trace = linkHorizontal<PlacedLink, Point>().source(start).target(end).context(context);
  return (link) => {
    trace(link);
  };
}
