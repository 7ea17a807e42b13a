/**
 * A dollar quote opens with `$`, an optional tag and `$`: `$$` (Snowflake, ClickHouse, PostgreSQL)
 * or `$tag$` (ClickHouse, PostgreSQL). The tag is an identifier that does not start with a digit and
 * holds no `$`, so `$1` is a parameter and `$__timeFilter(` a macro, never a quote.
 */
const opener = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

/** After a letter, digit, `_` or `$` a dollar belongs to the word before it, as in PostgreSQL. */
const wordCharacter = /[A-Za-z0-9_$]/;

/** The opening `$$` or `$tag$` at `start`, if a dollar-quoted string starts there. */
export function dollarQuoteOpenerAt(sql: string, start: number): string | undefined {
  if (start > 0 && wordCharacter.test(sql[start - 1]!)) {
    return undefined;
  }
  opener.lastIndex = start;
  return opener.exec(sql)?.[0];
}
