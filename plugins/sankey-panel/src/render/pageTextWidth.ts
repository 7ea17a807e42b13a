import { estimateTextWidth, type MeasureText } from '../layout/textWidth';

/** Grafana's UI font stack (theme.typography.fontFamily), which the panel's labels inherit. */
const fontFamily = 'Inter, Helvetica, Arial, sans-serif';

/** The labels' halo is a stroke around each glyph: a little wider than the glyphs themselves. */
const haloAllowance = 2;

/**
 * Measures with an OffscreenCanvas when the page has one (Chromium, Firefox, Safari ≥ 16.4). It uses
 * the document's fonts, so once Inter has loaded the widths match what the SVG draws.
 */
function canvasMeasure(): MeasureText | undefined {
  if (typeof OffscreenCanvas === 'undefined') {
    return undefined;
  }
  const context = new OffscreenCanvas(1, 1).getContext('2d');
  if (!context) {
    return undefined;
  }
  const widths = new Map<string, number>();
  return (text, fontSize, fontWeight = 400) => {
    const key = `${fontWeight} ${fontSize}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      context.font = `${fontWeight} ${fontSize}px ${fontFamily}`;
      width = context.measureText(text).width + haloAllowance;
      // A width measured while Inter is still loading is the fallback font's: measure again later.
      if (typeof document === 'undefined' || document.fonts?.check(context.font) !== false) {
        // Labels of one panel repeat on every render; a bounded cache keeps a long session's memory flat.
        if (widths.size > 5000) {
          widths.clear();
        }
        widths.set(key, width);
      }
    }
    return width;
  };
}

let measure: MeasureText | undefined;

/**
 * Width of a label as the panel draws it: measured in the page's font (no letter spacing, the chart's
 * styles reset it), or estimated where the page has no canvas (jsdom).
 */
export const pageTextWidth: MeasureText = (text, fontSize, fontWeight) => {
  measure ??= canvasMeasure() ?? estimateTextWidth;
  return measure(text, fontSize, fontWeight);
};
