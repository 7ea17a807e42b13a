import { epochSeconds, type Dialect } from './dialect.ts';
import { rateMacros } from './flowRates.ts';
import { standardMacros } from './standardMacros.ts';

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
const epochBucketMs = (column: string, ms: number) =>
  `TO_TIMESTAMP_NTZ(FLOOR(DATE_PART(EPOCH_MILLISECOND, ${column}) / ${ms}) * ${ms}, 3)`;
const date = (ms: number) => `TO_DATE('${new Date(ms).toISOString().slice(0, 10)}')`;

export const snowflakeDialect: Dialect = {
  name: 'snowflake',
  macros: {
    ...standardMacros({ instant, instantMs, date, epochBucket, epochBucketMs }),
    ...rateMacros({
      epochSeconds: (column) => `DATE_PART(EPOCH_SECOND, ${column})`,
      floorTo: (expression, seconds) => `floor((${expression}) / ${seconds}) * ${seconds}`,
      fromEpochSeconds: (expression) => `TO_TIMESTAMP_TZ(${expression})`,
      bucketTime: (expression) => `TO_TIMESTAMP_NTZ(${expression})`,
    }),
  },
  // Snowflake reads backslash escapes inside '…' as well as a doubled quote; the frontend quotes
  // template values the same way (src/variables/sqlLiteral.ts). NUL as \x00, never \0: followed by
  // digits, \0 would read as an octal escape.
  quoteString: (value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\x00')}'`,
  // Inside double quotes only a doubled quote is special; the name keeps its case.
  quoteIdentifier: (name) => `"${name.replace(/"/g, '""')}"`,
  // REGEXP_LIKE must match the whole value; ClickHouse's match() finds the pattern anywhere, and so does this.
  regexMatch: (expression, pattern) => `REGEXP_INSTR(${expression}, ${pattern}) > 0`,
  hash: (expressions) => `HASH(${expressions.join(', ')})`,
};
