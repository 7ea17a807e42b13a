import { dollarQuoteOpenerAt } from './dollarQuotes.ts';

/** What a stretch of SQL that holds no code is: its content is never read as SQL. */
export type LiteralKind = 'string' | 'quotedIdentifier' | 'lineComment' | 'blockComment' | 'dollarQuoted';

export interface LiteralSpan {
  kind: LiteralKind;
  /** The text that opened it: `'`, `"`, `` ` ``, `--`, `/*`, `$$` or `$tag$`. */
  opener: string;
  /** Index after its last character (the end of the text when it is never closed). */
  end: number;
  /** False when the text ends before the closing quote or comment mark. */
  closed: boolean;
}

/**
 * The string literal, quoted identifier, comment or dollar-quoted string starting at `start`, in
 * ClickHouse, Snowflake and PostgreSQL alike; undefined when SQL code starts there.
 */
export function literalAt(sql: string, start: number): LiteralSpan | undefined {
  const char = sql[start];
  switch (char) {
    case "'":
      return quoted(sql, start, 'string');
    case '"':
    case '`':
      return quoted(sql, start, 'quotedIdentifier');
    case '-':
      return sql[start + 1] === '-' ? lineComment(sql, start) : undefined;
    case '/':
      return sql[start + 1] === '*' ? blockComment(sql, start) : undefined;
    case '$': {
      const opener = dollarQuoteOpenerAt(sql, start);
      return opener === undefined ? undefined : dollarQuoted(sql, start, opener);
    }
    default:
      return undefined;
  }
}

/** Index after the literal or comment starting at `start`, else `start`. */
export function skipLiteral(sql: string, start: number): number {
  return literalAt(sql, start)?.end ?? start;
}

function quoted(sql: string, start: number, kind: LiteralKind): LiteralSpan {
  const quote = sql[start]!;
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') {
      i += 2;
      continue;
    }
    if (sql[i] === quote) {
      // A doubled quote is an escaped quote in every dialect we speak.
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return { kind, opener: quote, end: i + 1, closed: true };
    }
    i++;
  }
  return { kind, opener: quote, end: sql.length, closed: false };
}

function lineComment(sql: string, start: number): LiteralSpan {
  const newline = sql.indexOf('\n', start);
  // The newline ends the comment but stays SQL: it may be the only space between two words.
  return { kind: 'lineComment', opener: '--', end: newline === -1 ? sql.length : newline, closed: true };
}

function blockComment(sql: string, start: number): LiteralSpan {
  const close = sql.indexOf('*/', start + 2);
  return close === -1
    ? { kind: 'blockComment', opener: '/*', end: sql.length, closed: false }
    : { kind: 'blockComment', opener: '/*', end: close + 2, closed: true };
}

function dollarQuoted(sql: string, start: number, opener: string): LiteralSpan {
  const close = sql.indexOf(opener, start + opener.length);
  return close === -1
    ? { kind: 'dollarQuoted', opener, end: sql.length, closed: false }
    : { kind: 'dollarQuoted', opener, end: close + opener.length, closed: true };
}
