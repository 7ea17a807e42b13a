import { ribbon, ribbonArrow } from 'd3-chord';
import { arc } from 'd3-shape';
import { type ChordLayout, type RibbonLayout } from '../layout/chordLayout';
import { type AngleSpan, type RibbonEnd } from '../layout/ribbonAngles';

/** The drawing calls d3's generators make; both an SVG path string builder and a canvas context take them. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number, anticlockwise?: boolean): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  closePath(): void;
}

/**
 * Draws ribbons centred on (0, 0): with an arrow head at the target when the layout asks for one, plain
 * otherwise. Returns an SVG path string without a sink, draws into the sink (canvas, Path2D) with one.
 */
export function ribbonDrawer(layout: ChordLayout) {
  const plain = ribbon<RibbonLayout, RibbonEnd>().radius(layout.ribbonRadius);
  const arrowed = ribbonArrow<RibbonLayout, RibbonEnd>().radius(layout.ribbonRadius).headRadius(layout.headRadius);
  return (shape: RibbonLayout, sink?: PathSink): string => {
    const generator = shape.arrow ? arrowed : plain;
    if (sink) {
      // d3's context type is the canvas API; PathSink is the part of it d3 calls.
      (generator.context(sink as unknown as CanvasRenderingContext2D) as unknown as (d: RibbonLayout) => void)(shape);
      generator.context(null);
      return '';
    }
    return (generator as unknown as (d: RibbonLayout) => string | null)(shape) ?? '';
  };
}

export function arcDrawer(layout: ChordLayout): (span: AngleSpan) => string {
  const generator = arc<AngleSpan>().innerRadius(layout.innerRadius).outerRadius(layout.outerRadius);
  return (span) => generator(span) ?? '';
}
