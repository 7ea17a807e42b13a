import { literalAt } from '@flowlens/sql-text';

/**
 * Splits a SQL file into statements at semicolons outside literals and comments, dropping comments
 * and empty statements. A literal or block comment that never closes is an error naming its opener.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < text.length) {
    const literal = literalAt(text, i);
    if (literal) {
      if (!literal.closed) {
        const what = literal.kind === 'blockComment' ? 'comment' : 'quote';
        throw new Error(`a ${literal.opener} ${what} is never closed`);
      }
      if (literal.kind === 'blockComment') {
        current += ' ';
      } else if (literal.kind !== 'lineComment') {
        current += text.slice(i, literal.end);
      }
      i = literal.end;
      continue;
    }
    if (text[i] === ';') {
      statements.push(current);
      current = '';
    } else {
      current += text[i];
    }
    i++;
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}
