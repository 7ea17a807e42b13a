import type { TimeRange } from '../timeRange.ts';
import type { FlowsQuestion } from './flowsBuilder.ts';
import type { QueryFormat } from './parsedQuery.ts';
import type { Rollup } from './rollup.ts';
import type { RollupPlan } from './rollupQuery.ts';

/** What a macro sees: the query's time range, its time bucket and the flow source's export interval. */
export interface MacroContext {
  timeRange: TimeRange;
  /** Grafana's suggested interval, already made a whole multiple of the export interval (flowRates.ts). */
  intervalMs: number;
  /**
   * The interval as Grafana sent it, before that rounding: what `$__interval` and `$__interval_ms`
   * give, as Grafana's frontend would have put in (alert rules reach the backend uninterpolated).
   * Defaults to `intervalMs`.
   */
  grafanaIntervalMs?: number;
  /** Seconds between two records of one open connection; default 60, Antrea's. */
  exportIntervalSeconds?: number;
  /** Told the width, in seconds, of each time bucket the query groups by ($__timeInterval, $__timeGroup). */
  onTimeBucket?: (seconds: number) => void;
}

/** Expands one macro call; `args` are the raw argument texts, trimmed. Throws MacroError on misuse. */
export type MacroExpansion = (args: string[], context: MacroContext) => string;

/**
 * A SQL dialect is data plus a few functions (docs/conventions.md, "Add an engine"): the macro table and the quoting rules.
 * ClickHouse and Snowflake each provide one; nothing else in the backend branches on the engine's SQL.
 */
export interface Dialect {
  name: 'clickhouse' | 'snowflake';
  macros: Readonly<Record<string, MacroExpansion>>;
  /** A string literal holding exactly `value`, whatever characters it contains. */
  quoteString(value: string): string;
  /** An identifier that refers to exactly `name`. */
  quoteIdentifier(name: string): string;
  /** A condition true when `expression` matches the regular expression in the quoted literal `pattern`. */
  regexMatch(expression: string, pattern: string): string;
  /**
   * A 64-bit hash of several columns: counting distinct hashes is much cheaper than distinct tuples
   * of strings (half the time on 10M rows in chDB), and a collision among 2^64 is not a concern here.
   */
  hash(expressions: readonly string[]): string;
  /**
   * A builder question read from a rollup of the flows table (ClickHouse's per-minute views), or
   * undefined when the rollup cannot answer it exactly; engines without rollups leave this out.
   */
  rollupQuery?(
    question: FlowsQuestion,
    format: QueryFormat,
    context: MacroContext,
    rollup: Rollup
  ): RollupPlan | undefined;
}

export class MacroError extends Error {
  constructor(
    readonly macro: string,
    detail: string
  ) {
    super(`macro $__${macro}: ${detail}`);
    this.name = 'MacroError';
  }
}

export function expectArgs(macro: string, args: string[], count: number, usage: string): void {
  if (args.length !== count || args.some((arg) => arg === '')) {
    throw new MacroError(
      macro,
      `expects ${count} argument${count === 1 ? '' : 's'} (${usage}), got ${args.length === 0 ? 'none' : `"${args.join(', ')}"`}`
    );
  }
}

const durationUnits: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses Grafana-style durations ("30s", "5m", "1h", "'5m'", "300") into whole seconds, at least 1. */
export function durationSeconds(macro: string, text: string): number {
  const unquoted = text
    .trim()
    .replace(/^'(.*)'$/, '$1')
    .replace(/^"(.*)"$/, '$1');
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(unquoted);
  if (!match) {
    throw new MacroError(macro, `"${text}" is not a duration; use e.g. '30s', '5m', '1h' or $__interval`);
  }
  const seconds = Number(match[1]) * durationUnits[match[2] ?? 's']!;
  return Math.max(1, Math.round(seconds));
}

/** Grafana's `$__interval` spelling of a duration, in the largest unit that holds it exactly: 20s, 1m, 90s, 2h, 1d. */
export function grafanaDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const whole = Math.max(1, Math.round(ms));
  const unit = units.find(([, size]) => whole % size === 0);
  return unit ? `${whole / unit[1]}${unit[0]}` : `${whole}ms`;
}

export function intervalSeconds(context: MacroContext): number {
  return Math.max(1, Math.floor(context.intervalMs / 1000));
}

/** Seconds in the query's time range, at least 1: the window a table-format rate is averaged over. */
export function rangeSeconds(context: MacroContext): number {
  return Math.max(1, Math.round((context.timeRange.toMs - context.timeRange.fromMs) / 1000));
}

export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** `$__conditionalAll(condition, $var)`: the values are "all" when empty or Grafana's $__all marker. */
export function selectsAll(values: string[]): boolean {
  return values.every((value) => {
    const unquoted = value.trim().replace(/^'(.*)'$/, '$1');
    return unquoted === '' || unquoted === '$__all' || unquoted === '*';
  });
}
