import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'chdb';
import { plainIdentifier } from '../clickhouse/http.ts';
import { parseVersion } from '../clickhouse/version.ts';
import { flowColumns } from '../columns.ts';
import type { FlowEncoder } from '../encoding/encoder.ts';
import { RowBinaryEncoder } from '../encoding/rowBinary.ts';
import { deduplicatesInserts, insertColumnList, requireFlowColumns } from './flowsTable.ts';
import type { FlowBatch, FlowSink } from './sink.ts';

export interface ChdbSinkOptions {
  /** Default `flows` in the session's current database; `db.table` also works. */
  table?: string;
}

const structure = flowColumns.map((column) => `${column.name} ${column.type}`).join(', ');

/**
 * Inserts into an in-process chDB session. chDB's insert() takes text formats only, and parsing
 * them costs it about five times what RowBinary does; so each batch goes as RowBinary through a
 * file in memory (/dev/shm) that an INSERT ... SELECT FROM file() reads. With the deduplication
 * setting applied, each batch carries its token, so loading the same options twice stores the
 * rows once.
 */
export class ChdbSink implements FlowSink {
  readonly encoder: FlowEncoder = new RowBinaryEncoder();
  readonly description: string;
  readonly preferredBatchRows = 100_000;
  private readonly batchFile: string;

  private constructor(
    private readonly session: Session,
    private readonly table: string,
    private readonly deduplicates: boolean,
    private readonly scratchDir: string
  ) {
    this.description = `chDB at ${session.path}, table ${table}`;
    this.batchFile = join(scratchDir, 'batch.rowbinary');
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
    const scratchDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'flowgen-chdb-'));
    return new ChdbSink(session, table, deduplicatesInserts(version, engine), scratchDir);
  }

  async write(batch: FlowBatch): Promise<void> {
    try {
      await writeFile(this.batchFile, batch.bytes);
      const settings = this.deduplicates ? ` SETTINGS insert_deduplication_token = '${batch.token}'` : '';
      await this.session.queryAsync(
        `INSERT INTO ${this.table} (${insertColumnList()}) ` +
          `SELECT * FROM file('${this.batchFile}', RowBinary, '${structure}')${settings}`
      );
    } catch (error) {
      throw new Error(`chDB refused batch ${batch.sequence} into ${this.description}: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    rmSync(this.scratchDir, { recursive: true, force: true });
  }
}
