import { epochSeconds, type Dialect } from './dialect.ts';
import { rateMacros } from './flowRates.ts';
import { compileRollupQuery } from './rollupQuery.ts';
import { standardMacros } from './standardMacros.ts';

const dateTime = (ms: number) => `toDateTime(${epochSeconds(ms)})`;
const dateTime64 = (ms: number) => `fromUnixTimestamp64Milli(${Math.floor(ms)})`;
/**
 * Buckets aligned on the Unix epoch (as toStartOfInterval with a number of seconds), so they are the
 * same instants the Snowflake dialect gives. subtractSeconds keeps the column's type, time zone
 * included (DateTime('UTC') stays DateTime('UTC')), even on 18.16, where a plain `-` drops the zone and
 * toStartOfInterval does not exist.
 */
const epochBucket = (column: string, seconds: number) =>
  `subtractSeconds(toDateTime(${column}), toUInt32(toDateTime(${column})) % ${seconds})`;
const epochBucketMs = (column: string, ms: number) =>
  `toDateTime64(${column}, 3) - toIntervalMillisecond(toUnixTimestamp64Milli(toDateTime64(${column}, 3)) % ${ms})`;
const date = (ms: number) => `toDate('${new Date(ms).toISOString().slice(0, 10)}')`;

export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  macros: {
    ...standardMacros({ instant: dateTime, instantMs: dateTime64, date, epochBucket, epochBucketMs }),
    ...rateMacros({
      epochSeconds: (column) => `toFloat64(${column})`,
      floorTo: (expression, seconds) => `floor(${expression} / ${seconds}) * ${seconds}`,
      fromEpochSeconds: (expression) => `toDateTime(${expression})`,
      bucketTime: (expression) => `toDateTime(${expression})`,
    }),
  },
  // ClickHouse string literals take backslash escapes; escaping both \ and ' closes every way out.
  // NUL is written as \x00: a raw NUL byte ends the query text for some clients (chDB).
  quoteString: (value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\0/g, '\\x00')}'`,
  quoteIdentifier: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\0/g, '\\x00')}\``,
  regexMatch: (expression, pattern) => `match(${expression}, ${pattern})`,
  hash: (expressions) => `cityHash64(${expressions.join(', ')})`,
  rollupQuery: (question, format, context, rollup) =>
    compileRollupQuery(question, format, context, rollup, clickhouseDialect),
};
