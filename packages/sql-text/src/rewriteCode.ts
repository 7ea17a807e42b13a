import { skipLiteral } from './literals.ts';

/** What a rewriter puts in place of the SQL from where it was asked up to `end`. */
export interface Replacement {
  text: string;
  end: number;
}

/**
 * Copies SQL, asking `rewrite` at each position of code (never inside a literal, quoted identifier,
 * comment or dollar-quoted string) whether a stretch starting there is to be replaced.
 */
export function rewriteCode(sql: string, rewrite: (sql: string, at: number) => Replacement | undefined): string {
  let output = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipLiteral(sql, i);
    if (skipped > i) {
      output += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const replacement = rewrite(sql, i);
    if (replacement) {
      output += replacement.text;
      i = replacement.end;
      continue;
    }
    output += sql[i];
    i++;
  }
  return output;
}
