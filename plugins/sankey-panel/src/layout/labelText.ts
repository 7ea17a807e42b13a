/**
 * Average advance of Grafana's UI font (Inter) per character, as a share of the font size. Used where
 * no canvas can measure text (unit tests under jsdom, server-side use); an estimate is too short for
 * names heavy in m and w, so the browser measures.
 */
export const averageCharWidth = 0.58;

/** Grafana's UI font stack (theme.typography.fontFamily), which the panel's labels inherit. */
const fontFamily = 'Inter, Helvetica, Arial, sans-serif';

/** The labels' halo is a stroke around each glyph: a little wider than the glyphs themselves. */
const haloAllowance = 2;

type Measure = (text: string, fontSize: number, fontWeight: number) => number;

const estimate: Measure = (text, fontSize) => text.length * fontSize * averageCharWidth;

/**
 * Measures with an OffscreenCanvas when the page has one (Chromium, Firefox, Safari ≥ 16.4). It uses
 * the document's fonts, so once Inter has loaded the widths match what the SVG draws.
 */
function canvasMeasure(): Measure | undefined {
  if (typeof OffscreenCanvas === 'undefined') {
    return undefined;
  }
  const context = new OffscreenCanvas(1, 1).getContext('2d');
  if (!context) {
    return undefined;
  }
  const widths = new Map<string, number>();
  return (text, fontSize, fontWeight) => {
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

let measure: Measure | undefined;

/** Width of a label as the panel draws it: Grafana's font, no letter spacing (the chart's styles reset it). */
export function textWidth(text: string, fontSize: number, fontWeight = 400): number {
  measure ??= canvasMeasure() ?? estimate;
  return measure(text, fontSize, fontWeight);
}

function cutMiddle(text: string, kept: number): string {
  const head = Math.ceil(kept * 0.6);
  const tail = kept - head;
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`;
}

/**
 * Shortens a label to fit `maxWidth`, cutting from the middle: Kubernetes names carry meaning at
 * both ends (workload first, pod hash or port last). The full text stays in the tooltip.
 */
export function fitLabel(
  text: string,
  maxWidth: number,
  fontSize: number,
  fontWeight = 400
): { text: string; truncated: boolean } {
  if (textWidth(text, fontSize, fontWeight) <= maxWidth) {
    return { text, truncated: false };
  }
  // Start from the estimate's count, then drop characters until the measured text fits.
  let kept = Math.min(text.length - 1, Math.floor(maxWidth / (fontSize * averageCharWidth)) - 1);
  while (kept >= 3 && textWidth(cutMiddle(text, kept), fontSize, fontWeight) > maxWidth) {
    kept--;
  }
  if (kept < 3) {
    return { text: '', truncated: true };
  }
  return { text: cutMiddle(text, kept), truncated: true };
}
