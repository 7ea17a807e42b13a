/** The spec's time range as the TimeRange Grafana passes panels: resolved instants plus what the user wrote. */
import { dateMath, dateTime, type DateTime, type TimeRange } from '@grafana/data';

export type TimeRangeInput = { from: string | number; to: string | number };

export const defaultTimeRange: TimeRangeInput = { from: 'now-6h', to: 'now' };

function resolve(input: string | number, roundUp: boolean, timeZone: string): DateTime {
  const resolved = typeof input === 'number' ? dateTime(input) : dateMath.parse(input, roundUp, timeZone);
  if (!resolved?.isValid()) {
    throw new Error(`Invalid time "${input}": use a Grafana time (now-6h), an ISO date or epoch milliseconds`);
  }
  return resolved;
}

export function toTimeRange(input: TimeRangeInput = defaultTimeRange, timeZone = 'browser'): TimeRange {
  const from = resolve(input.from, false, timeZone);
  const to = resolve(input.to, true, timeZone);
  // Grafana keeps relative expressions raw (links show `now-6h`) and turns absolute ones into DateTimes.
  const raw = (value: string | number, resolved: DateTime) =>
    typeof value === 'string' && value.startsWith('now') ? value : resolved;
  return { from, to, raw: { from: raw(input.from, from), to: raw(input.to, to) } };
}
