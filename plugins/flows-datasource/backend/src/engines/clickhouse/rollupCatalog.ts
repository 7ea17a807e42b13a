import type { Logger } from '../../logging/logger.ts';
import { connectionIdColumns, rollupColumns, type ConnectionIds, type Rollup } from '../../sql/rollup.ts';

/** Rows of `flows_rollups` (provisioning/clickhouse/05-flows-rollups.sql) whose table exists. */
export const rollupCatalogSql = `SELECT rollup, exportIntervalSeconds, toUInt32(coveredFrom) AS coveredFrom
FROM flows_rollups
WHERE rollup IN (SELECT name FROM system.tables WHERE database = currentDatabase())`;

const catalogTableSql = `SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'flows_rollups'`;

/**
 * The rollups' columns: which flows columns each keeps (Rollup.columns), and how it keeps
 * connections (Rollup.connectionIds). Rollups made by earlier versions of
 * 05-flows-rollups.sql lack some.
 */
const rollupColumnsSql = `SELECT table, name, type FROM system.columns
WHERE database = currentDatabase() AND table IN (SELECT rollup FROM flows_rollups)`;

/** The connection id layout a rollup's columns hold, the newest first; undefined for uniqExact states. */
function connectionIdsIn(columns: ReadonlySet<string>): ConnectionIds | undefined {
  return (Object.keys(connectionIdColumns) as ConnectionIds[]).find((layout) =>
    connectionIdColumns[layout].every((name) => columns.has(name))
  );
}

/**
 * Whether the server has UInt128 (see Rollup.uint128): 18.x has no toUInt128. Asked of the server, not
 * read from its version as ClickHouseEngine's ServerInfo flags are: 20.x had wide integers only behind a
 * setting, and builds differ; the answer comes in the same round trip as the catalog's other reads.
 */
const uint128Sql = `SELECT count() AS n FROM system.functions WHERE name = 'toUInt128'`;

/** Read again this often, so rollups made after the datasource started are found without a restart. */
const freshForMs = 5 * 60_000;

type ReadRows = <T>(sql: string, signal: AbortSignal) => Promise<T[]>;

/**
 * The database's rollups, read once and kept a few minutes. A failed read (no catalog table, no right
 * to read it) means no rollups: every builder question then reads the raw records, as before rollups.
 */
export class RollupCatalog {
  private cached: { readAt: number; rollups: Promise<Rollup[]> } | undefined;

  constructor(
    private readonly rows: ReadRows,
    private readonly logger: Logger
  ) {}

  get(): Promise<Rollup[]> {
    if (!this.cached || Date.now() - this.cached.readAt > freshForMs) {
      const rollups = this.read();
      this.cached = { readAt: Date.now(), rollups };
    }
    return this.cached.rollups;
  }

  /** Forget what was read, e.g. after a health check or when the server may have changed. */
  clear(): void {
    this.cached = undefined;
  }

  private async read(): Promise<Rollup[]> {
    const signal = AbortSignal.timeout(10_000);
    try {
      const [catalog] = await this.rows<{ n: string | number }>(catalogTableSql, signal);
      if (Number(catalog?.n ?? 0) === 0) {
        return [];
      }
      // Independent reads: one round trip's wait, not three.
      const [rows, columnRows, [uint128]] = await Promise.all([
        this.rows<{ rollup: string; exportIntervalSeconds: number; coveredFrom: number }>(rollupCatalogSql, signal),
        this.rows<{ table: string; name: string; type: string }>(rollupColumnsSql, signal),
        this.rows<{ n: string | number }>(uint128Sql, signal),
      ]);
      const columnsOf = new Map<string, Set<string>>();
      const idStates = new Set<string>();
      for (const { table, name, type } of columnRows) {
        columnsOf.set(table, (columnsOf.get(table) ?? new Set()).add(name));
        if (name === 'connectionCityHashes' && type.startsWith('AggregateFunction(')) idStates.add(table);
      }
      const seen = new Set<string>();
      const rollups: Rollup[] = [];
      for (const row of rows) {
        // Written once per rollup; a second row (a hand-made one) cannot widen what the first promised.
        if (seen.has(row.rollup)) continue;
        seen.add(row.rollup);
        const columns = columnsOf.get(row.rollup) ?? new Set<string>();
        rollups.push({
          table: row.rollup,
          exportIntervalSeconds: Number(row.exportIntervalSeconds),
          coveredFromSeconds: Number(row.coveredFrom),
          connectionIds: connectionIdsIn(columns),
          connectionIdStates: idStates.has(row.rollup),
          uint128: Number(uint128?.n ?? 0) > 0,
          columns: new Set([...rollupColumns].filter((name) => columns.has(name))),
        });
      }
      this.logger.debug('flows rollups', { rollups: rollups.map((rollup) => rollup.table).join(', ') });
      return rollups;
    } catch (error) {
      this.logger.debug('no flows rollups read', { error: String(error) });
      this.cached = undefined;
      return [];
    }
  }
}
