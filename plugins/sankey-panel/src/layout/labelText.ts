import { averageCharWidth, type MeasureText } from './textWidth';

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
  measure: MeasureText,
  fontWeight = 400
): { text: string; truncated: boolean } {
  if (measure(text, fontSize, fontWeight) <= maxWidth) {
    return { text, truncated: false };
  }
  // Start from the estimate's count, then drop characters until the measured text fits.
  let kept = Math.min(text.length - 1, Math.floor(maxWidth / (fontSize * averageCharWidth)) - 1);
  while (kept >= 3 && measure(cutMiddle(text, kept), fontSize, fontWeight) > maxWidth) {
    kept--;
  }
  if (kept < 3) {
    return { text: '', truncated: true };
  }
  return { text: cutMiddle(text, kept), truncated: true };
}
