import { type RibbonLayout } from '../layout/chordLayout';
import { splitRibbon } from '../layout/ribbonBands';
import { type ChordColors } from './ribbonColors';

export interface RibbonShape {
  d: string;
  fill: string;
}

/** The paths one ribbon is drawn with: itself, or one band per color-field value when it is split. */
export function ribbonShapes(
  ribbon: RibbonLayout,
  colors: ChordColors,
  draw: (ribbon: RibbonLayout) => string
): RibbonShape[] {
  const bands = colors.bands[ribbon.id];
  if (!bands) {
    return [{ d: draw(ribbon), fill: colors.ribbons[ribbon.id] ?? 'gray' }];
  }
  return splitRibbon(
    ribbon,
    bands.map((band) => band.share)
  ).map((band, index) => ({ d: draw(band), fill: bands[index]!.color }));
}
