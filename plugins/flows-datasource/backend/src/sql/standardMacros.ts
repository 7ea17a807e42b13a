import {
  durationSeconds,
  expectArgs,
  intervalSeconds,
  rangeSeconds,
  selectsAll,
  type MacroContext,
  type MacroExpansion,
} from './dialect.ts';

/** The four SQL spellings a dialect gives the macros; everything else about them is shared. */
export interface TimeSyntax {
  /** An instant at whole seconds, comparable with the flows table's time columns. */
  instant(ms: number): string;
  /** An instant at milliseconds. */
  instantMs(ms: number): string;
  /** The UTC calendar date of an instant. */
  date(ms: number): string;
  /** The column's time rounded down to a multiple of `seconds` since the Unix epoch. */
  epochBucket(column: string, seconds: number): string;
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
  const range =
    (name: string, literal: (ms: number) => string): MacroExpansion =>
    (args, { timeRange }) => {
      expectArgs(name, args, 1, 'column');
      const [column] = args;
      return `${column} >= ${literal(timeRange.fromMs)} AND ${column} <= ${literal(timeRange.toMs)}`;
    };
  return {
    timeFilter: range('timeFilter', syntax.instant),
    timeFilter_ms: range('timeFilter_ms', syntax.instantMs),
    dateFilter: range('dateFilter', syntax.date),
    timeFrom: noArguments('timeFrom', (_, { timeRange }) => syntax.instant(timeRange.fromMs)),
    timeTo: noArguments('timeTo', (_, { timeRange }) => syntax.instant(timeRange.toMs)),
    fromTime: noArguments('fromTime', (_, { timeRange }) => syntax.instant(timeRange.fromMs)),
    toTime: noArguments('toTime', (_, { timeRange }) => syntax.instant(timeRange.toMs)),
    fromTime_ms: noArguments('fromTime_ms', (_, { timeRange }) => syntax.instantMs(timeRange.fromMs)),
    toTime_ms: noArguments('toTime_ms', (_, { timeRange }) => syntax.instantMs(timeRange.toMs)),
    interval_s: noArguments('interval_s', (_, context) => String(intervalSeconds(context))),
    timeRange_s: noArguments('timeRange_s', (_, context) => String(rangeSeconds(context))),
    timeInterval: (args, context) => {
      expectArgs('timeInterval', args, 1, 'column');
      return bucket(args[0]!, intervalSeconds(context), context);
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
