import { macroCallAt, rewriteCode } from '@flowlens/sql-text';
import { MacroError, type Dialect, type MacroContext } from './dialect.ts';

/**
 * Expands `$__name` and `$__name(arg, ...)` through a dialect's macro table. Arguments split on
 * top-level commas only, so `$__timeGroup(toDateTime(x), '5m')` and quoted commas work. Text inside
 * string literals, quoted identifiers, comments and dollar-quoted strings is left alone. Unknown
 * names are errors, never passed through to the database where they would fail with a less helpful
 * message.
 */
export function expandMacros(sql: string, dialect: Dialect, context: MacroContext): string {
  return rewriteCode(sql, (text, at) => {
    const call = macroCallAt(text, at);
    if (!call) {
      return undefined;
    }
    if (call.unclosed) {
      throw new MacroError(
        call.name,
        `unclosed "(" — the call starting at character ${at + call.name.length + 4} has no matching ")"`
      );
    }
    const expansion = dialect.macros[call.name];
    if (!expansion) {
      throw new MacroError(
        call.name,
        `unknown macro; known: ${Object.keys(dialect.macros)
          .map((known) => `$__${known}`)
          .join(', ')}`
      );
    }
    // Arguments may themselves hold macros, e.g. $__timeGroup(col, $__interval_s).
    const args = (call.args ?? []).map((arg) => expandMacros(arg.text, dialect, context));
    return { text: expansion(args, context), end: call.end };
  });
}
