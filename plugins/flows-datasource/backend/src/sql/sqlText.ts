/**
 * Lexical facts shared by everything that reads SQL text (macros, ad-hoc filters): where string
 * literals, quoted identifiers and comments start and end, in both ClickHouse and Snowflake.
 */

/** Returns the index after a string literal, quoted identifier or comment starting at `start`, else `start`. */
export function skipLiteralOrComment(sql: string, start: number): number {
  const char = sql[start];
  if (char === "'" || char === '"' || char === '`') {
    let i = start + 1;
    while (i < sql.length) {
      if (sql[i] === '\\') {
        i += 2;
        continue;
      }
      if (sql[i] === char) {
        // A doubled quote is an escaped quote in both dialects.
        if (sql[i + 1] === char) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length;
  }
  if (sql.startsWith('--', start)) {
    const newline = sql.indexOf('\n', start);
    return newline === -1 ? sql.length : newline;
  }
  if (sql.startsWith('/*', start)) {
    const close = sql.indexOf('*/', start + 2);
    return close === -1 ? sql.length : close + 2;
  }
  return start;
}
