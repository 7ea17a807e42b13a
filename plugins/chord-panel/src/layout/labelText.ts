import { type MeasureText } from './textWidth';

export const ellipsis = '…';

/** "namespace/pod" → namespace over name; names without "/" (nodes, IPs, namespaces) are just a name. */
export function splitGroupName(name: string): { namespace?: string; name: string } {
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) {
    return { name };
  }
  return { namespace: name.slice(0, slash), name: name.slice(slash + 1) };
}

/**
 * Shortens a text to fit `maxWidth`. Names keep their start and end ("frontend-7d…-x2x9z": the workload
 * and the pod's own suffix tell pods apart); namespaces keep their start. Undefined when not even one
 * character and the ellipsis fit.
 */
export function fitText(
  text: string,
  maxWidth: number,
  fontSize: number,
  measure: MeasureText,
  keep: 'middle' | 'start' = 'middle'
): string | undefined {
  if (measure(text, fontSize) <= maxWidth) {
    return text;
  }
  const chars = Array.from(text);
  const shorten = (count: number) => {
    if (keep === 'start') {
      return chars.slice(0, count).join('') + ellipsis;
    }
    const head = Math.ceil(count * 0.6);
    return chars.slice(0, head).join('') + ellipsis + chars.slice(chars.length - (count - head)).join('');
  };
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(shorten(mid), fontSize) <= maxWidth) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low >= 1 ? shorten(low) : undefined;
}
