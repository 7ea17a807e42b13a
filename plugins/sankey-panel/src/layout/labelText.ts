/**
 * Average advance of Grafana's UI font (Inter) per character, as a share of the font size. The
 * layout is pure and runs before anything is drawn, so it estimates instead of measuring.
 */
export const averageCharWidth = 0.58;

export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * averageCharWidth;
}

/**
 * Shortens a label to fit `maxWidth`, cutting from the middle: Kubernetes names carry meaning at
 * both ends (workload first, pod hash or port last). The full text stays in the tooltip.
 */
export function fitLabel(text: string, maxWidth: number, fontSize: number): { text: string; truncated: boolean } {
  const maxChars = Math.floor(maxWidth / (fontSize * averageCharWidth));
  if (text.length <= maxChars) {
    return { text, truncated: false };
  }
  if (maxChars < 4) {
    return { text: '', truncated: true };
  }
  const kept = maxChars - 1;
  const head = Math.ceil(kept * 0.6);
  const tail = kept - head;
  return { text: `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`, truncated: true };
}
