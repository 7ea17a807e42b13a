import type { Engine } from '../types';

/**
 * String literals for template variable values, per dialect. Both dialects read backslash escapes
 * inside '...', so a backslash is always doubled; the quote is escaped the way each dialect's docs
 * show. NUL becomes `\x00` (not `\0`, which Snowflake would read with following digits as octal)
 * because some clients cut the query text at a NUL byte.
 */
const escapeBody: Record<Engine, (value: string) => string> = {
  clickhouse: (value) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\0/g, '\\x00'),
  snowflake: (value) => value.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\x00'),
};

/** The inside of a literal: safe between quotes the user wrote, as in `WHERE ns = '$namespace'`. */
export function escapeLiteralBody(engine: Engine, value: string): string {
  return escapeBody[engine](value);
}

/** A complete literal that holds exactly `value`. */
export function quoteLiteral(engine: Engine, value: string): string {
  return `'${escapeBody[engine](value)}'`;
}
