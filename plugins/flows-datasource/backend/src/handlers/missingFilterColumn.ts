import { EngineError } from '../engines/engineError.ts';
import type { Filter } from '../sql/conditions.ts';

/**
 * How each engine names the column a query asked for and its table lacks: ClickHouse 18.16
 * ("Unknown identifier: x"), 20-23 ("Missing columns: 'x' 'y'"), 24+ ("Unknown expression
 * identifier `x`", "... or function identifier `x`"), Snowflake ("invalid identifier 'X'") and
 * fakesnow's DuckDB ('Referenced column "X" not found').
 */
const missingColumnPatterns = [
  /Unknown identifier: ([\w.]+)/g,
  /Missing columns: ((?:'[^']+'\s*)+)/g,
  /Unknown expression (?:or function )?identifier [`'"]([^`'"]+)[`'"]/g,
  /invalid identifier '"?([^'"]+)"?'/g,
  /Referenced column "([^"]+)" not found/g,
];

function missingColumns(message: string): Set<string> {
  const names = new Set<string>();
  for (const pattern of missingColumnPatterns) {
    for (const match of message.matchAll(pattern)) {
      for (const name of match[1]!.split(/'\s*'?/).filter(Boolean)) {
        names.add(name.split('.').pop()!.toLowerCase());
      }
    }
  }
  return names;
}

/**
 * The error for a query whose ad-hoc filter names a column the live table lacks, or undefined. The
 * backend checks keys against FlowLens's flows columns only (checking the live table would cost a
 * schema lookup per query), and a table made by Theia lacks some of them (egressNodeName, until
 * migrated); so such a filter fails in the database, and its error is replaced by one naming the
 * filter. Only a column the database itself reports missing counts: ClickHouse quotes the whole
 * query in the message, so merely mentioning a key proves nothing.
 */
export function missingFilterColumn(error: unknown, filters: readonly Filter[]): string | undefined {
  if (!(error instanceof EngineError) || error.kind !== 'query' || filters.length === 0) {
    return undefined;
  }
  const missing = missingColumns(error.message);
  const key = filters.find((filter) => missing.has(filter.key.toLowerCase()))?.key;
  return key
    ? `ad-hoc filter "${key}": the flows table in this database has no column ${key}. Remove the filter, or ` +
        'add the column (tables made by Theia lack the columns of newer Antrea releases: see the migrations in FlowLens provisioning/README.md).'
    : undefined;
}
