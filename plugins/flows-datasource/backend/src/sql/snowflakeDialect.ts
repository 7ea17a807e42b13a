import {
  durationSeconds,
  epochSeconds,
  expectArgs,
  intervalSeconds,
  rangeSeconds,
  selectsAll,
  type Dialect,
  type MacroExpansion,
} from './dialect.ts';

/**
 * Instants as TIMESTAMP_TZ from epoch numbers: Snowflake reads a number as seconds (or, with a scale,
 * fractions) since 1970 UTC, and compares TIMESTAMP_TZ by instant, so filters hold whatever the
 * session's TIMEZONE is.
 */
const instant = (ms: number) => `TO_TIMESTAMP_TZ(${epochSeconds(ms)})`;
const instantMs = (ms: number) => `TO_TIMESTAMP_TZ(${Math.floor(ms)}, 3)`;
/**
 * Buckets on the Unix epoch, computed on epoch seconds like ClickHouse's intDiv, so both engines give
 * the same instants. Not TIME_SLICE: it takes only DATE or TIMESTAMP_NTZ, so a TIMESTAMP_TZ column
 * would first need converting to UTC wall-clock time. The NTZ result is UTC wall-clock time, which
 * the engine reads as UTC.
 */
const epochBucket = (column: string, seconds: number) =>
  `TO_TIMESTAMP_NTZ(FLOOR(DATE_PART(EPOCH_SECOND, ${column}) / ${seconds}) * ${seconds})`;
const date = (ms: number) => `TO_DATE('${new Date(ms).toISOString().slice(0, 10)}')`;

/** Snowflake expansions of the macros clickhouseDialect.ts defines; same names, same meaning. */
const macros: Record<string, MacroExpansion> = {
  timeFilter: (args, { timeRange }) => {
    expectArgs('timeFilter', args, 1, 'column');
    const [column] = args;
    return `${column} >= ${instant(timeRange.fromMs)} AND ${column} <= ${instant(timeRange.toMs)}`;
  },
  timeFilter_ms: (args, { timeRange }) => {
    expectArgs('timeFilter_ms', args, 1, 'column');
    const [column] = args;
    return `${column} >= ${instantMs(timeRange.fromMs)} AND ${column} <= ${instantMs(timeRange.toMs)}`;
  },
  dateFilter: (args, { timeRange }) => {
    expectArgs('dateFilter', args, 1, 'column');
    const [column] = args;
    return `${column} >= ${date(timeRange.fromMs)} AND ${column} <= ${date(timeRange.toMs)}`;
  },
  timeFrom: (args, { timeRange }) => {
    expectArgs('timeFrom', args, 0, 'no arguments');
    return instant(timeRange.fromMs);
  },
  timeTo: (args, { timeRange }) => {
    expectArgs('timeTo', args, 0, 'no arguments');
    return instant(timeRange.toMs);
  },
  fromTime: (args, { timeRange }) => {
    expectArgs('fromTime', args, 0, 'no arguments');
    return instant(timeRange.fromMs);
  },
  toTime: (args, { timeRange }) => {
    expectArgs('toTime', args, 0, 'no arguments');
    return instant(timeRange.toMs);
  },
  fromTime_ms: (args, { timeRange }) => {
    expectArgs('fromTime_ms', args, 0, 'no arguments');
    return instantMs(timeRange.fromMs);
  },
  toTime_ms: (args, { timeRange }) => {
    expectArgs('toTime_ms', args, 0, 'no arguments');
    return instantMs(timeRange.toMs);
  },
  interval_s: (args, context) => {
    expectArgs('interval_s', args, 0, 'no arguments');
    return String(intervalSeconds(context));
  },
  timeRange_s: (args, context) => {
    expectArgs('timeRange_s', args, 0, 'no arguments');
    return String(rangeSeconds(context));
  },
  timeInterval: (args, context) => {
    expectArgs('timeInterval', args, 1, 'column');
    return epochBucket(args[0]!, intervalSeconds(context));
  },
  timeGroup: (args) => {
    expectArgs('timeGroup', args, 2, "column, '5m'");
    return epochBucket(args[0]!, durationSeconds('timeGroup', args[1]!));
  },
  conditionalAll: (args) => {
    if (args.length < 2 || args[0] === '') {
      expectArgs('conditionalAll', args, 2, 'condition, $variable');
    }
    return selectsAll(args.slice(1)) ? '1=1' : `(${args[0]})`;
  },
};

export const snowflakeDialect: Dialect = {
  name: 'snowflake',
  macros,
  // Snowflake reads backslash escapes inside '…' as well as a doubled quote; the frontend quotes
  // template values the same way (src/variables/sqlLiteral.ts). NUL as \x00, never \0: followed by
  // digits, \0 would read as an octal escape.
  quoteString: (value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\x00')}'`,
  // Inside double quotes only a doubled quote is special; the name keeps its case.
  quoteIdentifier: (name) => `"${name.replace(/"/g, '""')}"`,
  // REGEXP_LIKE must match the whole value; ClickHouse's match() finds the pattern anywhere, and so does this.
  regexMatch: (expression, pattern) => `REGEXP_INSTR(${expression}, ${pattern}) > 0`,
};
