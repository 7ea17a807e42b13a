import { skipLiteral } from './literals.ts';

/** One argument of a macro call, trimmed, with where it sits in the SQL text. */
export interface MacroArgument {
  text: string;
  start: number;
  end: number;
}

export interface MacroCall {
  /** The name without its `$__`. */
  name: string;
  /** Index of the `$` that starts the call. */
  start: number;
  /** Index after the name, or after the closing parenthesis when there is one. */
  end: number;
  /** Undefined for a bare `$__name`; `$__name()` has no arguments. */
  args?: MacroArgument[];
  /** True when `(` follows the name but the text ends before its `)`. */
  unclosed: boolean;
}

const macroName = /\$__([A-Za-z_][A-Za-z0-9_]*)/y;

/**
 * The `$__name` or `$__name(arg, …)` call at `start`, if one starts there. Arguments split on
 * top-level commas only: commas inside parentheses, literals and comments stay in their argument.
 * Callers skip literals before asking, so a macro inside a string or comment is never a call.
 */
export function macroCallAt(sql: string, start: number): MacroCall | undefined {
  macroName.lastIndex = start;
  const match = macroName.exec(sql);
  if (!match) {
    return undefined;
  }
  const name = match[1]!;
  const nameEnd = start + match[0].length;
  if (sql[nameEnd] !== '(') {
    return { name, start, end: nameEnd, unclosed: false };
  }
  const args = readArguments(sql, nameEnd + 1);
  if (!args) {
    return { name, start, end: sql.length, unclosed: true };
  }
  return { name, start, end: args.end, args: args.list, unclosed: false };
}

function readArguments(sql: string, argsStart: number): { list: MacroArgument[]; end: number } | undefined {
  const list: MacroArgument[] = [];
  let depth = 0;
  let argStart = argsStart;
  const pushArgument = (end: number) => {
    const raw = sql.slice(argStart, end);
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    list.push({ text, start: argStart + leading, end: argStart + leading + text.length });
  };
  let i = argsStart;
  while (i < sql.length) {
    const skipped = skipLiteral(sql, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const char = sql[i];
    if (char === '(') {
      depth++;
    } else if (char === ')') {
      if (depth === 0) {
        pushArgument(i);
        // `$__timeFrom()` has no arguments rather than one empty one.
        return { list: list.length === 1 && list[0]!.text === '' ? [] : list, end: i + 1 };
      }
      depth--;
    } else if (char === ',' && depth === 0) {
      pushArgument(i);
      argStart = i + 1;
    }
    i++;
  }
  return undefined;
}
