import { flowColumns } from '../columns.ts';
import { atLeast, type Version } from '../clickhouse/version.ts';

/** Throws unless the table has every column flowgen writes. */
export function requireFlowColumns(existing: readonly string[], table: string, where: string): void {
  if (existing.length === 0) {
    throw new Error(
      `table ${table} does not exist in ${where}; create it with flowgen --apply-schema or provisioning/clickhouse/*.sql`
    );
  }
  const present = new Set(existing);
  const missing = flowColumns.filter((column) => !present.has(column.name)).map((column) => column.name);
  if (missing.length > 0) {
    throw new Error(
      `table ${table} in ${where} lacks the columns ${missing.join(', ')}; add them with ` +
        'provisioning/clickhouse/migrations/02-add-columns-to-flows.sql (a Theia database: 01-add-columns-to-flows_local.sql first)'
    );
  }
}

/**
 * Whether the server drops a block it has already stored when the same insert_deduplication_token
 * comes again: the token needs ClickHouse 22.2+, and a plain MergeTree only remembers blocks with
 * non_replicated_deduplication_window set (provisioning/clickhouse/03-flows-deduplication.sql).
 */
export function deduplicatesInserts(version: Version, engineFull: string): boolean {
  if (!atLeast(version, [22, 2])) {
    return false;
  }
  if (/^Replicated/.test(engineFull.trim())) {
    return true;
  }
  const window = /non_replicated_deduplication_window\s*=\s*(\d+)/.exec(engineFull)?.[1];
  return window !== undefined && Number(window) > 0;
}

export function insertColumnList(): string {
  return flowColumns.map((column) => column.name).join(', ');
}
