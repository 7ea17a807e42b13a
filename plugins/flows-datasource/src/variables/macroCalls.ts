import { macroCallAt, skipLiteral, type MacroArgument } from '@flowlens/sql-text';

/** A call of one macro with its arguments, each with its exact span in the SQL text. */
export interface MacroCallWithArguments {
  name: string;
  /** Index of the `$` that starts the call. */
  start: number;
  /** Index after the closing parenthesis. */
  end: number;
  args: MacroArgument[];
}

/**
 * Finds the calls of one macro, such as `$__conditionalAll(cond, $var)`, so a caller can rewrite one
 * argument in place. The backend's expander reads macros with the same scanner (@flowlens/sql-text).
 */
export function findMacroCalls(sql: string, name: string): MacroCallWithArguments[] {
  const calls: MacroCallWithArguments[] = [];
  let i = 0;
  while (i < sql.length) {
    const skipped = skipLiteral(sql, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const call = macroCallAt(sql, i);
    if (call?.name === name && call.unclosed) {
      // An unclosed call: the backend reports it; nothing to rewrite here.
      break;
    }
    if (call?.name === name && call.args) {
      calls.push({ name, start: call.start, end: call.end, args: call.args });
      i = call.end;
      continue;
    }
    i++;
  }
  return calls;
}
