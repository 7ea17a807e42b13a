import { allValue } from './allSelection';
import { findMacroCalls } from './macroCalls';
import { referencedVariable } from './variableReference';

/**
 * `$__conditionalAll(condition, $var)` must know that `$var` is "All", but after interpolation the
 * backend only sees the list of every value. So before interpolating, the variable argument of each
 * call is replaced by the `'$__all'` marker the backend recognises when the variable is set to All.
 */
export function markAllSelections(sql: string, isAllSelected: (variable: string) => boolean): string {
  let marked = sql;
  // From the last call backwards, so the spans of earlier calls stay valid.
  for (const call of findMacroCalls(sql, 'conditionalAll').reverse()) {
    const argument = call.args[1];
    const variable = argument ? referencedVariable(argument.text) : undefined;
    if (argument && variable && isAllSelected(variable)) {
      marked = `${marked.slice(0, argument.start)}'${allValue}'${marked.slice(argument.end)}`;
    }
  }
  return marked;
}
