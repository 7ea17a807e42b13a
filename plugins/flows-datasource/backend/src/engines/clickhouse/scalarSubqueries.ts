import { literalAt } from '@flowlens/sql-text';

/**
 * Whether a statement holds a scalar subquery (`x > (SELECT max(…) …)`, `WITH (SELECT …) AS latest`,
 * `x > ANY (SELECT …)`), which ClickHouse runs while it analyzes the statement, even for
 * `DESCRIBE TABLE (…)`: on 26.x once (ClickHouse issue #60847), on 18.16 twice. Describing such a
 * statement before running it would run its subqueries again.
 *
 * A subquery after FROM, JOIN, IN, EXISTS, a CTE's AS or a set operation is read when the statement
 * runs, not by analysis. Anything else that opens with `(SELECT` or `(WITH` counts: taking a table
 * subquery for a scalar one only means the statement is read in a self-describing format, never a
 * wrong answer.
 */
export function hasScalarSubquery(sql: string): boolean {
  const tokens = codeTokens(sql);
  for (let i = 1; i < tokens.length - 1; i++) {
    if (tokens[i] === '(' && /^(SELECT|WITH)$/i.test(tokens[i + 1]!) && !readAsTable(tokens, i)) {
      return true;
    }
  }
  return false;
}

// The words before a parenthesised subquery that the statement reads as rows. `x > ANY (SELECT …)` is
// not among them: ClickHouse turns it into a scalar min() or max() subquery.
const tableWords = new Set(['FROM', 'JOIN', 'IN', 'EXISTS', 'AS', 'UNION', 'EXCEPT', 'INTERSECT']);
const setOperations = new Set(['UNION', 'EXCEPT', 'INTERSECT']);

function readAsTable(tokens: string[], open: number): boolean {
  const before = tokens[open - 1]!.toUpperCase();
  if (before === 'ALL' || before === 'DISTINCT') {
    return setOperations.has((tokens[open - 2] ?? '').toUpperCase());
  }
  return tableWords.has(before);
}

const wordPattern = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Words, single punctuation characters and, for quoted text, a placeholder; comments are dropped. */
function codeTokens(sql: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const literal = literalAt(sql, i);
    if (literal) {
      if (literal.kind !== 'lineComment' && literal.kind !== 'blockComment') tokens.push('"…"');
      i = literal.end;
      continue;
    }
    wordPattern.lastIndex = i;
    const word = wordPattern.exec(sql);
    if (word) {
      tokens.push(word[0]);
      i += word[0].length;
      continue;
    }
    if (!/\s/.test(sql[i]!)) tokens.push(sql[i]!);
    i++;
  }
  return tokens;
}
