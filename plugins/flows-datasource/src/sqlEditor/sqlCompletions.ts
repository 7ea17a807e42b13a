import { knownFlowColumn } from '@flowlens/flow-schema';
import { flowsTable, kindOfType, type DatabaseSchema, type TableSchema } from '../schema/flowsSchema';
import type { Engine } from '../types';
import { macros } from './macros';

/**
 * What to suggest at the cursor of the SQL editor, as plain data (no Monaco here, so it is tested
 * directly): macros and variables after `$`, tables after FROM/JOIN, a table's columns after
 * `table.` or `alias.`, time columns inside time macros, otherwise columns of the tables the query
 * reads plus keywords and functions.
 */
export type SuggestionKind = 'macro' | 'variable' | 'table' | 'column' | 'keyword' | 'function';

export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  insertText: string;
  /** insertText uses Monaco snippet syntax (placeholders). */
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  /** Orders groups: lower first. */
  sortText: string;
}

export interface Completion {
  /** How many characters before the cursor the chosen suggestion replaces. */
  replaceLength: number;
  suggestions: Suggestion[];
}

export interface CompletionSource {
  engine: Engine;
  schema?: DatabaseSchema;
  /** Names of the dashboard's template variables. */
  variables: string[];
}

const keywords = [
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'AS',
  'DISTINCT',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'DESC',
  'ASC',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'BETWEEN',
  'LIKE',
  'IS NULL',
  'IS NOT NULL',
  'JOIN',
  'LEFT JOIN',
  'ON',
  'WITH',
  'UNION ALL',
];

/** Aggregates both engines share, then each engine's most useful own functions. */
const functions: Record<Engine | 'both', string[]> = {
  both: ['count', 'sum', 'avg', 'min', 'max', 'round', 'coalesce', 'lower', 'upper', 'concat', 'CAST'],
  clickhouse: [
    'uniq',
    'uniqExact',
    'any',
    'argMax',
    'quantile',
    'toStartOfInterval',
    'toDateTime',
    'toString',
    'match',
  ],
  snowflake: [
    'approx_count_distinct',
    'any_value',
    'max_by',
    'percentile_cont',
    'date_trunc',
    'to_timestamp',
    'to_varchar',
    'regexp_like',
  ],
};

const timeMacroArgument = /\$__(?:timeFilter|timeFilter_ms|dateFilter|timeInterval|timeGroup)\(\s*\w*$/;

export function sqlCompletions(textBeforeCursor: string, fullText: string, source: CompletionSource): Completion {
  const variableToken = /\$\{?\w*$/.exec(textBeforeCursor)?.[0];
  if (variableToken !== undefined) {
    return {
      replaceLength: variableToken.length,
      suggestions: [...macroSuggestions(), ...variableSuggestions(source)],
    };
  }
  const token = /[\w.]*$/.exec(textBeforeCursor)![0];
  const dot = token.lastIndexOf('.');
  if (dot >= 0) {
    const partial = token.slice(dot + 1);
    const table = resolveTable(token.slice(0, dot), fullText, source.schema);
    return { replaceLength: partial.length, suggestions: table ? columnSuggestions(table, '1') : [] };
  }
  const before = textBeforeCursor.slice(0, textBeforeCursor.length - token.length);
  if (/\b(from|join)\s+$/i.test(before)) {
    return { replaceLength: token.length, suggestions: tableSuggestions(source.schema) };
  }
  const tables = readTables(fullText, source.schema);
  if (timeMacroArgument.test(textBeforeCursor)) {
    // Inside $__timeFilter( … : a time column is almost certainly meant.
    const timeColumns = tables.flatMap((table) => columnSuggestions(table, '0')).filter((s) => s.sortText === '0t');
    return { replaceLength: token.length, suggestions: timeColumns };
  }
  return {
    replaceLength: token.length,
    suggestions: [
      ...tables.flatMap((table) => columnSuggestions(table, '1')),
      ...functionSuggestions(source.engine),
      ...keywords.map((keyword) => ({ label: keyword, kind: 'keyword' as const, insertText: keyword, sortText: '4' })),
    ],
  };
}

function macroSuggestions(): Suggestion[] {
  return macros.map((macro) => ({
    label: `$__${macro.name}`,
    kind: 'macro',
    insertText: macro.snippet,
    snippet: true,
    detail: macro.usage,
    documentation: `${macro.description}\n\nExample: ${macro.example}`,
    sortText: '0',
  }));
}

function variableSuggestions(source: CompletionSource): Suggestion[] {
  return source.variables.map((name) => ({
    label: `$${name}`,
    kind: 'variable',
    insertText: `$${name}`,
    detail: 'Template variable',
    documentation:
      'Multi-value and All: a list of quoted values for IN (…). Single value: escaped, for use inside quotes.',
    sortText: '1',
  }));
}

function tableSuggestions(schema: DatabaseSchema | undefined): Suggestion[] {
  return (schema?.tables ?? []).map((table) => ({
    label: table.name,
    kind: 'table',
    insertText: table.name,
    detail: `${table.columns.length} columns`,
    sortText: table === flowsTable(schema!) ? '0' : '1',
  }));
}

/** Time columns get sortText `<rank>t` so callers can pick them out. */
function columnSuggestions(table: TableSchema, rank: string): Suggestion[] {
  return table.columns.map((column) => {
    const known = knownFlowColumn(column.name);
    const kind = known?.kind ?? kindOfType(column.type);
    return {
      label: known?.name ?? column.name,
      kind: 'column',
      insertText: known?.name ?? column.name,
      detail: `${column.type} · ${table.name}`,
      documentation: known?.meaning,
      sortText: kind === 'time' ? `${rank}t` : rank,
    };
  });
}

function functionSuggestions(engine: Engine): Suggestion[] {
  return [...functions.both, ...functions[engine]].map((name) => ({
    label: name,
    kind: 'function',
    insertText: name === 'CAST' ? 'CAST(${1:value} AS ${2:VARCHAR})' : `${name}(\${1})`,
    snippet: true,
    sortText: '3',
  }));
}

const notAliases = new Set([
  'where',
  'group',
  'order',
  'limit',
  'join',
  'left',
  'right',
  'inner',
  'on',
  'having',
  'union',
  'final',
  'prewhere',
  'settings',
  'format',
  'sample',
  'array',
  'global',
  'any',
  'all',
  'cross',
  'full',
  'using',
]);

/** Tables named after FROM/JOIN, with their aliases; when none is known yet, the flows table. */
function readTables(sql: string, schema: DatabaseSchema | undefined): TableSchema[] {
  const found = referencedTables(sql, schema).map((reference) => reference.table);
  if (found.length > 0) {
    return [...new Set(found)];
  }
  const flows = schema ? flowsTable(schema) : undefined;
  return flows ? [flows] : [];
}

function referencedTables(sql: string, schema: DatabaseSchema | undefined) {
  const references: Array<{ table: TableSchema; alias?: string }> = [];
  for (const match of sql.matchAll(/\b(?:from|join)\s+([\w."`]+)(?:\s+(?:as\s+)?(\w+))?/gi)) {
    const table = findTable(match[1]!, schema);
    const alias = match[2] && !notAliases.has(match[2].toLowerCase()) ? match[2] : undefined;
    if (table) {
      references.push({ table, alias });
    }
  }
  return references;
}

function resolveTable(qualifier: string, sql: string, schema: DatabaseSchema | undefined): TableSchema | undefined {
  const byAlias = referencedTables(sql, schema).find(
    (reference) => reference.alias?.toLowerCase() === qualifier.toLowerCase()
  );
  return byAlias?.table ?? findTable(qualifier, schema);
}

/** `flows`, `"FLOWS"`, `db.flows` all name the flows table. */
function findTable(name: string, schema: DatabaseSchema | undefined): TableSchema | undefined {
  const bare = name.replace(/["`]/g, '').split('.').pop()!.toLowerCase();
  return schema?.tables.find((table) => table.name.toLowerCase() === bare);
}
