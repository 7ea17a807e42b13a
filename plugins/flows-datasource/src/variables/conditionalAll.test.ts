import { describe, expect, it } from 'vitest';
import { markAllSelections } from './conditionalAll';
import { referencedVariable } from './variableReference';

const allOf =
  (...names: string[]) =>
  (variable: string) =>
    names.includes(variable);

describe('markAllSelections', () => {
  it.each([
    ['$__conditionalAll(ns IN ($ns), $ns)', "$__conditionalAll(ns IN ($ns), '$__all')"],
    ['$__conditionalAll(ns IN (${ns}), ${ns:csv})', "$__conditionalAll(ns IN (${ns}), '$__all')"],
    ['$__conditionalAll(ns IN ([[ns]]), [[ns]])', "$__conditionalAll(ns IN ([[ns]]), '$__all')"],
    // Commas inside the condition, in strings and in nested calls do not split the arguments.
    [
      "$__conditionalAll(concat(a, ', ') IN ($ns), $ns) AND $__conditionalAll(c IN ($cluster),   $cluster  )",
      "$__conditionalAll(concat(a, ', ') IN ($ns), '$__all') AND $__conditionalAll(c IN ($cluster),   '$__all'  )",
    ],
    // A -- inside a dollar-quoted string is no comment: the call after it is still marked.
    [
      'SELECT $$ -- $$ AS a WHERE $__conditionalAll(ns IN ($ns), $ns)',
      "SELECT $$ -- $$ AS a WHERE $__conditionalAll(ns IN ($ns), '$__all')",
    ],
  ])('marks %s', (sql, marked) => {
    expect(markAllSelections(sql, allOf('ns', 'cluster'))).toBe(marked);
  });

  it.each([
    ['a variable not set to All', '$__conditionalAll(ns IN ($ns), $ns)', allOf()],
    ['text around the variable', '$__conditionalAll(x, prefix_$ns)', allOf('ns')],
    ['a call inside a string', "SELECT '$__conditionalAll(x, $ns)'", allOf('ns')],
    ['a call inside a comment', '-- $__conditionalAll(x, $ns)\nSELECT 1', allOf('ns')],
    ['a call inside a dollar-quoted string', 'SELECT $$ $__conditionalAll(x, $ns) $$', allOf('ns')],
    ['an unclosed call', '$__conditionalAll(x, $ns', allOf('ns')],
    ['another macro', '$__timeFilter($ns)', allOf('ns')],
  ])('leaves %s alone', (_case, sql, isAll) => {
    expect(markAllSelections(sql, isAll)).toBe(sql);
  });
});

describe('referencedVariable', () => {
  it.each([
    ['$ns', 'ns'],
    [' ${ns} ', 'ns'],
    ['${ns:regex}', 'ns'],
    ['${ns.text}', 'ns'],
    ['[[ns]]', 'ns'],
    ['[[ns:csv]]', 'ns'],
    ['$ns-2', undefined],
    ['web', undefined],
    ['', undefined],
  ])('%j refers to %j', (text, name) => {
    expect(referencedVariable(text)).toBe(name);
  });
});
