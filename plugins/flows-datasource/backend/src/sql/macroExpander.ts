import { MacroError, type Dialect, type MacroContext } from './dialect.ts';
import { skipLiteralOrComment } from './sqlText.ts';

/**
 * Expands `$__name` and `$__name(arg, ...)` through a dialect's macro table. Arguments split on
 * top-level commas only, so `$__timeGroup(toDateTime(x), '5m')` and quoted commas work. Text inside
 * string literals, quoted identifiers and comments is left alone. Unknown names are errors, never
 * passed through to the database where they would fail with a less helpful message.
 */
export function expandMacros(sql: string, dialect: Dialect, context: MacroContext): string {
  let output = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipLiteralOrComment(sql, i);
    if (skipped > i) {
      output += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (sql.startsWith('$__', i)) {
      const nameMatch = /^\$__([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i));
      if (nameMatch) {
        const name = nameMatch[1]!;
        let end = i + nameMatch[0].length;
        let args: string[] = [];
        if (sql[end] === '(') {
          const call = readArguments(sql, end, name);
          args = call.args;
          end = call.end;
        }
        const expansion = dialect.macros[name];
        if (!expansion) {
          throw new MacroError(
            name,
            `unknown macro; known: ${Object.keys(dialect.macros)
              .map((known) => `$__${known}`)
              .join(', ')}`
          );
        }
        // Arguments may themselves hold macros, e.g. $__timeGroup(col, $__interval_s).
        output += expansion(
          args.map((arg) => expandMacros(arg, dialect, context)),
          context
        );
        i = end;
        continue;
      }
    }
    output += sql[i];
    i++;
  }
  return output;
}

function readArguments(sql: string, open: number, name: string): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  let i = open;
  while (i < sql.length) {
    const skipped = skipLiteralOrComment(sql, i);
    if (skipped > i) {
      current += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const char = sql[i]!;
    if (char === '(') {
      depth++;
      if (depth > 1) {
        current += char;
      }
    } else if (char === ')') {
      depth--;
      if (depth === 0) {
        args.push(current.trim());
        // `$__timeFrom()` has no arguments rather than one empty one.
        return { args: args.length === 1 && args[0] === '' ? [] : args, end: i + 1 };
      }
      current += char;
    } else if (char === ',' && depth === 1) {
      args.push(current.trim());
      current = '';
    } else {
      current += char;
    }
    i++;
  }
  throw new MacroError(name, `unclosed "(" — the call starting at character ${open + 1} has no matching ")"`);
}
