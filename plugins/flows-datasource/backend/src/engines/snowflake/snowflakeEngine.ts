import './driverEnvironment.ts';
import * as snowflake from 'snowflake-sdk';
import type { Connection, ConnectionOptions, RowStatement } from 'snowflake-sdk';
import { flowColumnKinds } from '@flowlens/flow-schema';
import type { FrameField } from '../../frames/frame.ts';
import type { SnowflakeConnectionSettings } from './snowflakeConnection.ts';
import type { TimeRange } from '../../timeRange.ts';
import { logLevelFromEnv, type Logger } from '../../logging/logger.ts';
import { snowflakeDialect } from '../../sql/snowflakeDialect.ts';
import type { EngineHealth, FlowsEngine, QueryOptions, QueryResult, TableSchema } from '../engine.ts';
import { EngineError } from '../engineError.ts';
import { queryDeadline } from '../queryDeadline.ts';
import { accountLocation, type AccountLocation } from './accountLocation.ts';
import { driverLogger } from './driverLogger.ts';
import { resultColumnName } from './resultColumnNames.ts';
import { SessionPool } from './sessionPool.ts';
import { authenticationOptions } from './snowflakeAuthentication.ts';
import { fieldFromColumn, type SnowflakeColumn } from './snowflakeColumns.ts';
import { toEngineError } from './snowflakeErrors.ts';

export interface SnowflakeConnection extends SnowflakeConnectionSettings {
  queryTimeoutSeconds: number;
}

interface StatementOptions {
  signal: AbortSignal;
  streamResult?: boolean;
  timeoutSeconds?: number;
}

/**
 * Snowflake with snowflake-sdk. Statements run with STATEMENT_TIMEOUT_IN_SECONDS (Snowflake stops
 * them itself) and are cancelled through the driver when Grafana cancels or the deadline passes;
 * results are streamed and read only up to the row limit, NUMBERs as text so they stay exact.
 */
export class SnowflakeEngine implements FlowsEngine {
  readonly dialect = snowflakeDialect;
  private readonly location: AccountLocation;
  private readonly sessions: SessionPool;

  constructor(
    private readonly connection: SnowflakeConnection,
    private readonly logger: Logger
  ) {
    this.location = accountLocation(connection.account);
    const options: ConnectionOptions = {
      account: this.location.account,
      ...(this.location.accessUrl ? { accessUrl: this.location.accessUrl } : {}),
      username: connection.username,
      ...authenticationOptions(connection),
      role: connection.role,
      warehouse: connection.warehouse,
      database: connection.database,
      schema: connection.schema,
      application: 'FlowLens',
      // Hourly heartbeats keep a session alive between dashboard refreshes instead of expiring after 4 hours idle.
      clientSessionKeepAlive: true,
      // A login that cannot reach the account fails within seconds, not after the driver's 5-minute retry budget.
      sfRetryMaxLoginRetries: 2,
      representNullAsStringNull: false,
    };
    configureDriver(logger);
    this.sessions = new SessionPool(options);
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const statement = sql.trim().replace(/;+\s*$/, '');
    if (statement === '') {
      throw new EngineError('query', 'the query is empty: write a SELECT, e.g. SELECT count(*) FROM flows');
    }
    const { signal, dispose, timedOut } = queryDeadline(options);
    try {
      return await this.withSession(signal, async (session) => {
        const run = await this.execute(session, statement, {
          signal,
          streamResult: true,
          timeoutSeconds: this.connection.queryTimeoutSeconds,
        });
        const columns = describe(run);
        const total = run.getNumRows();
        const rowCount = Math.min(total, options.rowLimit);
        const values = columns.map((): unknown[] => []);
        if (rowCount > 0) {
          // Only the rows wanted are fetched: the driver downloads result chunks as the stream asks for them.
          const rows = run.streamRows({ start: 0, end: rowCount - 1 });
          const stop = () => rows.destroy(new Error('aborted'));
          signal.addEventListener('abort', stop, { once: true });
          try {
            for await (const row of rows as AsyncIterable<unknown[]>) {
              for (let i = 0; i < values.length; i++) {
                values[i]!.push(row[i]);
              }
            }
          } finally {
            signal.removeEventListener('abort', stop);
          }
        }
        const fields: FrameField[] = columns.map((column, i) => fieldFromColumn(column, values[i]!));
        return { fields, rowCount, truncated: total > options.rowLimit };
      });
    } catch (error) {
      throw this.failure(error, timedOut());
    } finally {
      dispose();
    }
  }

  async health(signal: AbortSignal): Promise<EngineHealth> {
    try {
      return await this.withSession(signal, async (session) => {
        const [about] = await this.rows(
          session,
          'SELECT CURRENT_VERSION() AS "version", CURRENT_DATABASE() AS "database", CURRENT_SCHEMA() AS "schema"',
          signal
        );
        const [tables] = await this.rows(
          session,
          'SELECT COUNT(*) AS "n" FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA() AND TABLE_NAME = \'FLOWS\'',
          signal
        );
        const health: EngineHealth = {
          engine: 'Snowflake',
          version: String(about?.version ?? 'unknown'),
          location: this.location.display,
          database: about?.database
            ? `${String(about.database)}.${String(about.schema ?? '')}`
            : '(none: set database and schema)',
          flows: { exists: Number(tables?.n ?? 0) > 0 },
        };
        if (health.flows.exists) {
          const [stats] = await this.rows(
            session,
            'SELECT COUNT(*) AS "rows", DATE_PART(EPOCH_SECOND, MAX(flowEndSeconds)) AS "newest" FROM FLOWS',
            signal
          );
          health.flows.rowCount = String(stats?.rows ?? '0');
          const newest = Number(stats?.newest ?? 0);
          health.flows.newestFlowMs = newest > 0 ? newest * 1000 : undefined;
        }
        return health;
      });
    } catch (error) {
      throw this.failure(error, false);
    }
  }

  async schema(signal: AbortSignal): Promise<TableSchema[]> {
    try {
      const columns = await this.withSession(signal, (session) =>
        this.rows(
          session,
          'SELECT TABLE_NAME AS "table", COLUMN_NAME AS "name", DATA_TYPE AS "type" FROM INFORMATION_SCHEMA.COLUMNS ' +
            'WHERE TABLE_SCHEMA = CURRENT_SCHEMA() ORDER BY TABLE_NAME, ORDINAL_POSITION',
          signal
        )
      );
      const tables = new Map<string, TableSchema>();
      for (const column of columns) {
        const stored = String(column.table);
        // FLOWS is the flows table the dashboards query as `flows`; its columns get the schema's spelling.
        const name = stored === 'FLOWS' ? 'flows' : stored;
        const table = tables.get(name) ?? { name, columns: [] };
        const columnName = String(column.name);
        table.columns.push({
          name: name === 'flows' ? resultColumnName(columnName) : columnName,
          type: String(column.type),
        });
        tables.set(name, table);
      }
      return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw this.failure(error, false);
    }
  }

  async distinctValues(column: string, limit: number, signal: AbortSignal, timeRange?: TimeRange): Promise<string[]> {
    // Flows columns are stored unquoted, so upper case; the schema resource reports their usual spelling.
    const quoted = this.dialect.quoteIdentifier(flowColumnKinds.has(column) ? column.toUpperCase() : column);
    const where = timeRange
      ? `WHERE ${this.dialect.macros.timeFilter!(['flowEndSeconds'], { timeRange, intervalMs: 0 })}`
      : '';
    try {
      const rows = await this.withSession(signal, (session) =>
        this.rows(
          session,
          `SELECT TO_VARCHAR(${quoted}) AS "value", COUNT(*) AS "seen" FROM FLOWS ${where} GROUP BY 1 ORDER BY "seen" DESC, "value" LIMIT ${Math.floor(limit)}`,
          signal
        )
      );
      return rows.map((row) => String(row.value ?? ''));
    } catch (error) {
      throw this.failure(error, false);
    }
  }

  async close(): Promise<void> {
    this.sessions.close();
  }

  private async withSession<T>(signal: AbortSignal, work: (session: Connection) => Promise<T>): Promise<T> {
    const session = await this.sessions.acquire(signal);
    let reusable = false;
    try {
      const result = await work(session);
      reusable = true;
      return result;
    } catch (error) {
      // A query error leaves the session usable; a network failure or cancellation may not.
      reusable = !signal.aborted && /^\d{6}$/.test(String((error as { code?: unknown }).code ?? ''));
      throw error;
    } finally {
      this.sessions.release(session, reusable);
    }
  }

  /** Runs a statement to completion (result metadata known, rows not yet read); cancels it on abort. */
  private execute(session: Connection, sqlText: string, options: StatementOptions): Promise<RowStatement> {
    return new Promise<RowStatement>((resolve, reject) => {
      let settled = false;
      const statement = session.execute({
        sqlText,
        streamResult: options.streamResult ?? false,
        fetchAsString: ['Number'],
        rowMode: 'array',
        ...(options.timeoutSeconds ? { parameters: { STATEMENT_TIMEOUT_IN_SECONDS: options.timeoutSeconds } } : {}),
        complete: (error, completed) => {
          options.signal.removeEventListener('abort', cancel);
          if (settled) return;
          settled = true;
          if (error) reject(error);
          else resolve(completed as RowStatement);
        },
      }) as RowStatement;
      const cancel = () => {
        // Tells Snowflake to stop the statement; the caller does not wait for it to confirm.
        statement.cancel((error) => {
          if (error) this.logger.debug('Snowflake cancel failed', { error: error.message });
        });
        if (!settled) {
          settled = true;
          reject(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
        }
      };
      if (options.signal.aborted) cancel();
      else options.signal.addEventListener('abort', cancel, { once: true });
    });
  }

  /** Small internal queries (health, schema, values), as objects keyed by their quoted aliases. */
  private async rows(
    session: Connection,
    sqlText: string,
    signal: AbortSignal
  ): Promise<Array<Record<string, unknown>>> {
    const statement = await this.execute(session, sqlText, {
      signal,
      streamResult: true,
      timeoutSeconds: this.connection.queryTimeoutSeconds,
    });
    const names = describe(statement).map((column) => column.name);
    const rows: Array<Record<string, unknown>> = [];
    if (statement.getNumRows() > 0) {
      for await (const row of statement.streamRows() as AsyncIterable<unknown[]>) {
        rows.push(Object.fromEntries(names.map((name, i) => [name, row[i]])));
      }
    }
    return rows;
  }

  private failure(error: unknown, timedOut: boolean): EngineError {
    const context = {
      location: this.location.display,
      username: this.connection.username,
      timeoutSeconds: this.connection.queryTimeoutSeconds,
    };
    if (timedOut) {
      return new EngineError(
        'timeout',
        `query stopped after the ${context.timeoutSeconds} s timeout (queryTimeoutSeconds); narrow the time range or raise the timeout.`
      );
    }
    return toEngineError(error, context);
  }
}

function describe(statement: RowStatement): SnowflakeColumn[] {
  return (statement.getColumns() ?? []).map((column) => ({
    name: column.getName(),
    type: String(column.getType()).toLowerCase(),
    scale: Number(column.getScale() ?? 0),
    nullable: column.isNullable() !== false,
  }));
}

let configuredFor: Logger | undefined;

/** The driver's settings are process-wide: its log goes into ours, and it writes no files. */
function configureDriver(logger: Logger): void {
  if (configuredFor === logger) {
    return;
  }
  configuredFor = logger;
  const level = logLevelFromEnv(process.env);
  snowflake.configure({
    logLevel: level === 'trace' ? 'TRACE' : level === 'debug' ? 'DEBUG' : 'WARN',
    customLogger: driverLogger(logger),
  });
}
