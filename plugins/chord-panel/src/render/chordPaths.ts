import { ribbon, ribbonArrow } from 'd3-chord';
import { pathRound } from 'd3-path';
import { arc } from 'd3-shape';
import { type ChordLayout, type RibbonLayout } from '../layout/chordLayout';
import { type AngleSpan, type RibbonEnd } from '../layout/ribbonAngles';

/** Tenths of a pixel are invisible; shorter path strings parse faster and weigh less in the DOM. */
const digits = 1;

/** Ribbon paths centred on (0, 0): with an arrow head at the target when the layout asks for one. */
export function ribbonDrawer(layout: ChordLayout): (shape: RibbonLayout) => string {
  const plain = ribbon<RibbonLayout, RibbonEnd>().radius(layout.ribbonRadius);
  const arrowed = ribbonArrow<RibbonLayout, RibbonEnd>().radius(layout.ribbonRadius).headRadius(layout.headRadius);
  return (shape) => {
    const path = pathRound(digits);
    // d3 types a context as the canvas API; d3-path's Path is what d3 itself draws into.
    const generator = (shape.arrow ? arrowed : plain).context(path as unknown as CanvasRenderingContext2D);
    (generator as unknown as (d: RibbonLayout) => void)(shape);
    return path.toString();
  };
}

export function arcDrawer(layout: ChordLayout): (span: AngleSpan) => string {
  const generator = arc<AngleSpan>().innerRadius(layout.innerRadius).outerRadius(layout.outerRadius).digits(digits);
  return (span) => generator(span) ?? '';
}
