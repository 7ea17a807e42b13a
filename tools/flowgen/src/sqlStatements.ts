/**
 * Splits a SQL file into statements at semicolons outside quotes and comments, dropping comments
 * and empty statements.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (char === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) {
        throw new Error('a /* comment is never closed');
      }
      i = end + 2;
      current += ' ';
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      let end = i + 1;
      while (end < text.length && text[end] !== char) {
        end += text[end] === '\\' ? 2 : 1;
      }
      if (end >= text.length) {
        throw new Error(`a ${char} quote is never closed`);
      }
      current += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (char === ';') {
      statements.push(current);
      current = '';
      i++;
      continue;
    }
    current += char;
    i++;
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}
