import type { WindowValue } from './anomalyDetection.ts';

/**
 * Throughput as the windowed SQL returns it: per endpoint and window, the bits/s of the records ending
 * in that window that fall in it, and of those that fall in the window before.
 */
export interface WindowParts {
  endpoint: string;
  windowMs: number;
  value: number;
  valueBefore: number;
  /** Whether any record ending in this window reaches into the one before (even with no bytes). */
  reachesBefore: boolean;
}

/**
 * Each part in the window it belongs to, keeping only windows from the first to the last of the
 * queried range (as $__spreadFilter does); detectAnomalies adds up an endpoint's parts per window.
 */
export function spreadIntoWindows(
  parts: readonly WindowParts[],
  windowMs: number,
  range: { fromMs: number; toMs: number }
): WindowValue[] {
  const firstMs = Math.floor(range.fromMs / windowMs) * windowMs;
  const lastMs = Math.floor(range.toMs / windowMs) * windowMs;
  const inRange = (ms: number) => ms >= firstMs && ms <= lastMs;
  const values: WindowValue[] = [];
  for (const part of parts) {
    if (inRange(part.windowMs)) values.push({ endpoint: part.endpoint, windowMs: part.windowMs, value: part.value });
    const beforeMs = part.windowMs - windowMs;
    if (part.reachesBefore && inRange(beforeMs)) {
      values.push({ endpoint: part.endpoint, windowMs: beforeMs, value: part.valueBefore });
    }
  }
  return values;
}
