import { type RibbonLayout } from './chordLayout';
import { type RibbonEnd } from './ribbonAngles';

/**
 * Splits a ribbon into side-by-side bands, one per share (e.g. allowed and dropped bytes of one pair),
 * each as wide as its share at both ends. Bands run in opposite order at the target end, as the
 * ribbon's own outline does, so they never cross each other.
 */
export function splitRibbon(ribbon: RibbonLayout, shares: number[]): RibbonLayout[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (!(total > 0) || shares.length < 2) {
    return [ribbon];
  }
  const part = (end: RibbonEnd, from: number, to: number): RibbonEnd => {
    const width = end.endAngle - end.startAngle;
    return { ...end, startAngle: end.startAngle + width * from, endAngle: end.startAngle + width * to };
  };
  const bands: RibbonLayout[] = [];
  let before = 0;
  for (const share of shares) {
    const from = before / total;
    const to = (before + share) / total;
    before += share;
    bands.push({ ...ribbon, source: part(ribbon.source, from, to), target: part(ribbon.target, 1 - to, 1 - from) });
  }
  return bands;
}
