import { flowColumns } from '../columns.ts';
import type { FlowEncoder } from '../encoding/encoder.ts';
import { NdjsonEncoder } from '../encoding/ndjson.ts';
import { SnowflakeSession, type SnowflakeConnectionOptions } from '../snowflake/session.ts';
import type { FlowBatch, FlowSink } from './sink.ts';

export interface SnowflakeSinkOptions extends SnowflakeConnectionOptions {
  /** Default FLOWS in the session's database and schema. */
  table?: string;
}

const timeColumns = new Set(flowColumns.filter((column) => column.type === 'DateTime').map((column) => column.name));
const maxAttempts = 3;

/**
 * Batched INSERTs with array binds into Snowflake's FLOWS, no Snowpipe needed: the driver sends a
 * large batch as a file to the table's stage and Snowflake loads it in one statement, so a batch lands
 * whole or not at all. After a failed attempt the sink counts this cluster's rows in the batch's
 * timeInserted range and resends only if the batch is not there, so a batch is never stored twice.
 */
export class SnowflakeSink implements FlowSink {
  readonly encoder: FlowEncoder = new NdjsonEncoder();
  readonly preferredBatchRows = 50_000;
  readonly description: string;
  private readonly insertSql: string;

  private constructor(
    private readonly session: SnowflakeSession,
    private readonly table: string
  ) {
    this.description = `${session.description}, table ${table}`;
    this.insertSql = `INSERT INTO ${table} (${flowColumns.map((column) => column.name).join(', ')}) VALUES (${flowColumns.map(() => '?').join(', ')})`;
  }

  static async open(options: SnowflakeSinkOptions): Promise<SnowflakeSink> {
    const table = options.table ?? 'FLOWS';
    if (!/^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){0,2}$/.test(table)) {
      throw new Error(
        `table "${table}" is not a plain Snowflake name (letters, digits, _, $; optionally db.schema.table)`
      );
    }
    const session = await SnowflakeSession.open(options);
    try {
      const name = table.split('.').pop()!.toUpperCase();
      const columns = await session.execute(
        'SELECT COLUMN_NAME AS "name" FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA() AND TABLE_NAME = ?',
        [name]
      );
      const present = new Set(columns.map((column) => String(column.name).toUpperCase()));
      const missing = flowColumns
        .filter((column) => !present.has(column.name.toUpperCase()))
        .map((column) => column.name);
      if (present.size === 0) {
        throw new Error(
          `table ${table} does not exist in ${session.description}; create it with flowgen --sink snowflake --apply-schema`
        );
      }
      if (missing.length > 0) {
        throw new Error(
          `table ${table} in ${session.description} lacks the columns ${missing.join(', ')}; recreate it from provisioning/snowflake/01-flows.sql`
        );
      }
      return new SnowflakeSink(session, table);
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  async write(batch: FlowBatch): Promise<void> {
    const rows = batch.bytes
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const record = JSON.parse(line) as Record<string, string | number>;
        return flowColumns.map((column) =>
          timeColumns.has(column.name)
            ? new Date(Number(record[column.name]) * 1000).toISOString()
            : record[column.name]!
        );
      });
    const before = await this.rowsInRange(batch);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.session.execute(this.insertSql, rows);
        return;
      } catch (error) {
        const now = await this.rowsInRange(batch);
        if (now === before + batch.rows) {
          return;
        }
        if (now !== before || attempt === maxAttempts) {
          throw new Error(
            `Snowflake refused batch ${batch.sequence} into ${this.description}: ${(error as Error).message}`
          );
        }
      }
    }
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  private async rowsInRange(batch: FlowBatch): Promise<number> {
    const [row] = await this.session.execute(
      `SELECT COUNT(*) AS "n" FROM ${this.table} WHERE timeInserted >= TO_TIMESTAMP_TZ(${batch.firstTimeInserted}) AND timeInserted <= TO_TIMESTAMP_TZ(${batch.lastTimeInserted}) AND clusterUUID = ?`,
      [batch.clusterUUID]
    );
    return Number(row?.n ?? 0);
  }
}
