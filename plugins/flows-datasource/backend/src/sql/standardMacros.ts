import {
  durationSeconds,
  expectArgs,
  grafanaDuration,
  intervalSeconds,
  MacroError,
  rangeSeconds,
  selectsAll,
  type MacroContext,
  type MacroExpansion,
} from './dialect.ts';

/** The SQL spellings a dialect gives the macros; everything else about them is shared. */
export interface TimeSyntax {
  /** An instant at whole seconds, comparable with the flows table's time columns. */
  instant(ms: number): string;
  /** An instant at milliseconds. */
  instantMs(ms: number): string;
  /** The UTC calendar date of an instant. */
  date(ms: number): string;
  /**
   * The column's time rounded down to a multiple of `seconds` since the Unix epoch, of a type that
   * keeps the column's time zone.
   */
  epochBucket(column: string, seconds: number): string;
  /** The same at millisecond precision: `ms` since the Unix epoch, the result with milliseconds. */
  epochBucketMs(column: string, ms: number): string;
}

/**
 * The macro table — names and meaning as in Grafana's official ClickHouse datasource — built from a
 * dialect's time syntax, so every dialect has the same macros with the same arguments and errors.
 */
export function standardMacros(syntax: TimeSyntax): Record<string, MacroExpansion> {
  const noArguments =
    (name: string, expand: MacroExpansion): MacroExpansion =>
    (args, context) => {
      expectArgs(name, args, 0, 'no arguments');
      return expand(args, context);
    };
  const bucket = (column: string, seconds: number, context: MacroContext) => {
    context.onTimeBucket?.(seconds);
    return syntax.epochBucket(column, seconds);
  };
  const rangeCondition = (column: string, literal: (ms: number) => string, { timeRange }: MacroContext) =>
    `${column} >= ${literal(timeRange.fromMs)} AND ${column} <= ${literal(timeRange.toMs)}`;
  const range =
    (name: string, literal: (ms: number) => string): MacroExpansion =>
    (args, context) => {
      expectArgs(name, args, 1, 'column');
      return rangeCondition(args[0]!, literal, context);
    };
  const dateTimeRange =
    (name: string): MacroExpansion =>
    (args, context) => {
      expectArgs(name, args, 2, 'dateColumn, timeColumn');
      const [dateColumn, timeColumn] = args;
      return `(${rangeCondition(dateColumn!, syntax.date, context)}) AND (${rangeCondition(timeColumn!, syntax.instant, context)})`;
    };
  /** `$__timeFrom()` is the instant; `$__timeFrom(column)` the condition, as the official datasource has it. */
  const bound =
    (name: string, comparison: '>=' | '<=', edge: (context: MacroContext) => number): MacroExpansion =>
    (args, context) => {
      if (args.length === 0) {
        return syntax.instant(edge(context));
      }
      if (args.length !== 1 || args[0] === '') {
        throw new MacroError(name, `expects no argument or 1 (column), got "${args.join(', ')}"`);
      }
      return `${args[0]} ${comparison} ${syntax.instant(edge(context))}`;
    };
  const grafanaIntervalMs = (context: MacroContext) => context.grafanaIntervalMs ?? context.intervalMs;
  return {
    timeFilter: range('timeFilter', syntax.instant),
    timeFilter_ms: range('timeFilter_ms', syntax.instantMs),
    dateFilter: range('dateFilter', syntax.date),
    dateTimeFilter: dateTimeRange('dateTimeFilter'),
    dt: dateTimeRange('dt'),
    timeFrom: bound('timeFrom', '>=', ({ timeRange }) => timeRange.fromMs),
    timeTo: bound('timeTo', '<=', ({ timeRange }) => timeRange.toMs),
    fromTime: noArguments('fromTime', (_, { timeRange }) => syntax.instant(timeRange.fromMs)),
    toTime: noArguments('toTime', (_, { timeRange }) => syntax.instant(timeRange.toMs)),
    fromTime_ms: noArguments('fromTime_ms', (_, { timeRange }) => syntax.instantMs(timeRange.fromMs)),
    toTime_ms: noArguments('toTime_ms', (_, { timeRange }) => syntax.instantMs(timeRange.toMs)),
    interval: noArguments('interval', (_, context) => grafanaDuration(grafanaIntervalMs(context))),
    interval_ms: noArguments('interval_ms', (_, context) =>
      String(Math.max(1, Math.round(grafanaIntervalMs(context))))
    ),
    interval_s: noArguments('interval_s', (_, context) => String(intervalSeconds(context))),
    timeRange_s: noArguments('timeRange_s', (_, context) => String(rangeSeconds(context))),
    timeInterval: (args, context) => {
      expectArgs('timeInterval', args, 1, 'column');
      return bucket(args[0]!, intervalSeconds(context), context);
    },
    timeInterval_ms: (args, context) => {
      expectArgs('timeInterval_ms', args, 1, 'column');
      const seconds = intervalSeconds(context);
      context.onTimeBucket?.(seconds);
      return syntax.epochBucketMs(args[0]!, seconds * 1000);
    },
    timeGroup: (args, context) => {
      expectArgs('timeGroup', args, 2, "column, '5m'");
      return bucket(args[0]!, durationSeconds('timeGroup', args[1]!), context);
    },
    conditionalAll: (args) => {
      if (args.length < 2 || args[0] === '') {
        expectArgs('conditionalAll', args, 2, 'condition, $variable');
      }
      return selectsAll(args.slice(1)) ? '1=1' : `(${args[0]})`;
    },
  };
}
