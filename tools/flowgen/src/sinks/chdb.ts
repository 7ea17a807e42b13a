import type { Session } from 'chdb';
import { plainIdentifier } from '../clickhouse/http.ts';
import { parseVersion } from '../clickhouse/version.ts';
import { flowColumns } from '../columns.ts';
import type { FlowEncoder } from '../encoding/encoder.ts';
import { TabSeparatedEncoder } from '../encoding/tabSeparated.ts';
import { deduplicatesInserts, requireFlowColumns } from './flowsTable.ts';
import type { FlowBatch, FlowSink } from './sink.ts';

export interface ChdbSinkOptions {
  /** Default `flows` in the session's current database; `db.table` also works. */
  table?: string;
}

const columnNames = flowColumns.map((column) => column.name);

/**
 * Inserts into an in-process chDB session. chDB takes text formats only; TabSeparated is the
 * cheapest, and chDB parses it on its own threads while the next batch is generated. With the
 * deduplication setting applied, each batch carries its token, so loading the same options twice
 * stores the rows once.
 */
export class ChdbSink implements FlowSink {
  readonly encoder: FlowEncoder = new TabSeparatedEncoder();
  readonly description: string;
  readonly preferredBatchRows = 100_000;

  private constructor(
    private readonly session: Session,
    private readonly table: string,
    private readonly deduplicates: boolean
  ) {
    this.description = `chDB at ${session.path}, table ${table}`;
  }

  static async open(session: Session, options: ChdbSinkOptions = {}): Promise<ChdbSink> {
    const table = options.table ?? 'flows';
    const [database, name] = table.includes('.') ? table.split('.') : [undefined, table];
    plainIdentifier(name ?? '', 'table');
    const databaseCondition = database ? `'${plainIdentifier(database, 'database')}'` : 'currentDatabase()';
    const query = async (sql: string) => (await session.queryAsync(sql, { format: 'TabSeparated' })).text();
    const columns = await query(
      `SELECT name FROM system.columns WHERE database = ${databaseCondition} AND table = '${name}'`
    );
    requireFlowColumns(columns.split('\n').filter(Boolean), table, `chDB at ${session.path}`);
    const engine = await query(
      `SELECT engine_full FROM system.tables WHERE database = ${databaseCondition} AND name = '${name}'`
    );
    const version = parseVersion(await query('SELECT version()'));
    return new ChdbSink(session, table, deduplicatesInserts(version, engine));
  }

  async write(batch: FlowBatch): Promise<void> {
    try {
      await this.session.insert({
        table: this.table,
        values: batch.bytes,
        format: 'TSV',
        columns: columnNames,
        ...(this.deduplicates ? { settings: { insert_deduplication_token: batch.token } } : {}),
      });
    } catch (error) {
      throw new Error(`chDB refused batch ${batch.sequence} into ${this.description}: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {}
}
