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

const dateTime = (ms: number) => `toDateTime(${epochSeconds(ms)})`;
const dateTime64 = (ms: number) => `fromUnixTimestamp64Milli(${Math.floor(ms)})`;
/**
 * Buckets aligned on the Unix epoch (not on the server's time zone like toStartOfInterval), so they are
 * the same instants Snowflake's TIME_SLICE gives; intDiv also works on servers older than 20.x.
 */
const epochBucket = (column: string, seconds: number) =>
  `toDateTime(intDiv(toUInt32(toDateTime(${column})), ${seconds}) * ${seconds})`;
const date = (ms: number) => `toDate('${new Date(ms).toISOString().slice(0, 10)}')`;

/** ClickHouse expansions; names and meaning follow Grafana's official ClickHouse datasource. */
const macros: Record<string, MacroExpansion> = {
  timeFilter: (args, { timeRange }) => {
    expectArgs('timeFilter', args, 1, 'column');
    const [column] = args;
    return `${column} >= ${dateTime(timeRange.fromMs)} AND ${column} <= ${dateTime(timeRange.toMs)}`;
  },
  timeFilter_ms: (args, { timeRange }) => {
    expectArgs('timeFilter_ms', args, 1, 'column');
    const [column] = args;
    return `${column} >= ${dateTime64(timeRange.fromMs)} AND ${column} <= ${dateTime64(timeRange.toMs)}`;
  },
  dateFilter: (args, { timeRange }) => {
    expectArgs('dateFilter', args, 1, 'column');
    const [column] = args;
    return `${column} >= ${date(timeRange.fromMs)} AND ${column} <= ${date(timeRange.toMs)}`;
  },
  timeFrom: (args, { timeRange }) => {
    expectArgs('timeFrom', args, 0, 'no arguments');
    return dateTime(timeRange.fromMs);
  },
  timeTo: (args, { timeRange }) => {
    expectArgs('timeTo', args, 0, 'no arguments');
    return dateTime(timeRange.toMs);
  },
  fromTime: (args, { timeRange }) => {
    expectArgs('fromTime', args, 0, 'no arguments');
    return dateTime(timeRange.fromMs);
  },
  toTime: (args, { timeRange }) => {
    expectArgs('toTime', args, 0, 'no arguments');
    return dateTime(timeRange.toMs);
  },
  fromTime_ms: (args, { timeRange }) => {
    expectArgs('fromTime_ms', args, 0, 'no arguments');
    return dateTime64(timeRange.fromMs);
  },
  toTime_ms: (args, { timeRange }) => {
    expectArgs('toTime_ms', args, 0, 'no arguments');
    return dateTime64(timeRange.toMs);
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

export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  macros,
  // ClickHouse string literals take backslash escapes; escaping both \ and ' closes every way out.
  // NUL is written as \x00: a raw NUL byte ends the query text for some clients (chDB).
  quoteString: (value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\0/g, '\\x00')}'`,
  quoteIdentifier: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\0/g, '\\x00')}\``,
  regexMatch: (expression, pattern) => `match(${expression}, ${pattern})`,
};
