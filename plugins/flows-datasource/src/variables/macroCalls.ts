/**
 * Finds macro calls such as `$__conditionalAll(cond, $var)` in SQL text, with the exact span of each
 * argument, so a caller can rewrite one argument in place. Commas inside parentheses, quotes and
 * comments do not split arguments — the same rules as the backend's macro expander.
 */
export interface MacroCall {
  name: string;
  /** Index of the `$` that starts the call. */
  start: number;
  /** Index after the closing parenthesis. */
  end: number;
  args: Array<{ text: string; start: number; end: number }>;
}

export function findMacroCalls(sql: string, name: string): MacroCall[] {
  const calls: MacroCall[] = [];
  const opener = `$__${name}(`;
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (sql.startsWith(opener, i)) {
      const call = readCall(sql, i, name, i + opener.length);
      if (!call) {
        // An unclosed call: the backend reports it; nothing to rewrite here.
        break;
      }
      calls.push(call);
      i = call.end;
      continue;
    }
    i++;
  }
  return calls;
}

function readCall(sql: string, start: number, name: string, argsStart: number): MacroCall | undefined {
  const args: MacroCall['args'] = [];
  let depth = 0;
  let argStart = argsStart;
  let i = argsStart;
  const pushArg = (end: number) => {
    const raw = sql.slice(argStart, end);
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    args.push({ text, start: argStart + leading, end: argStart + leading + text.length });
  };
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const char = sql[i];
    if (char === '(') {
      depth++;
    } else if (char === ')') {
      if (depth === 0) {
        pushArg(i);
        return { name, start, end: i + 1, args };
      }
      depth--;
    } else if (char === ',' && depth === 0) {
      pushArg(i);
      argStart = i + 1;
    }
    i++;
  }
  return undefined;
}

/** Index after a quoted string/identifier or comment starting at `start`, else `start`. */
export function skipQuotedOrComment(sql: string, start: number): number {
  const char = sql[start];
  if (char === "'" || char === '"' || char === '`') {
    let i = start + 1;
    while (i < sql.length) {
      if (sql[i] === '\\') {
        i += 2;
        continue;
      }
      if (sql[i] === char) {
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
