import { randomUUID } from 'node:crypto';
import { Agent as HttpsAgent } from 'node:https';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { TimeRange } from '../../timeRange.ts';
import type { Logger } from '../../logging/logger.ts';
import { clickhouseDialect } from '../../sql/clickhouseDialect.ts';
import type { EngineHealth, FlowsEngine, QueryOptions, QueryResult, TableSchema } from '../engine.ts';
import { EngineError } from '../engineError.ts';
import { queryDeadline } from '../queryDeadline.ts';
import { arrowConvertible, parseClickHouseType, rowBinaryReadable, tabSeparatedReadable } from './clickhouseTypes.ts';
import { toEngineError } from './clickhouseErrors.ts';
import { clientLoggerClass } from './clientLogger.ts';
import { RollupCatalog } from './rollupCatalog.ts';
import { hasScalarSubquery } from './scalarSubqueries.ts';
import type { Rollup } from '../../sql/rollup.ts';
import type { DescribedColumn, ResultRequest } from './resultFormats.ts';

export interface ClickHouseConnection {
  url: string;
  username: string;
  password: string;
  database: string;
  tlsSkipVerify: boolean;
  tlsCACert?: string;
  httpHeaders: Record<string, string>;
  queryTimeoutSeconds: number;
}

interface ServerInfo {
  version: string;
  timeZone: string;
  /** ArrowStream output with the settings we rely on (string as Utf8, no compression): 23.x and later. */
  arrowOutput: boolean;
  /** cancel_http_readonly_queries_on_client_close exists (19.x+): closing the request stops the query. */
  cancelsOnClose: boolean;
}

/**
 * ClickHouse over HTTP(S) with @clickhouse/client. Modern servers answer in Arrow, which is relabelled
 * for Grafana column by column instead of being parsed row by row; old servers (Debian's 18.16) answer
 * in RowBinary (TabSeparated for scalar types of no fixed layout), and exotic result types take the
 * JSONCompact row path. The readers live in resultFormats.ts, loaded with the first query.
 */
export class ClickHouseEngine implements FlowsEngine {
  readonly dialect = clickhouseDialect;
  private readonly client: ClickHouseClient;
  private serverInfo: Promise<ServerInfo> | undefined;
  private readonly rollupCatalog: RollupCatalog;

  constructor(
    private readonly connection: ClickHouseConnection,
    private readonly logger: Logger
  ) {
    const httpsAgent =
      connection.url.startsWith('https:') && (connection.tlsSkipVerify || connection.tlsCACert)
        ? new HttpsAgent({
            keepAlive: true,
            rejectUnauthorized: !connection.tlsSkipVerify,
            ca: connection.tlsCACert || undefined,
          })
        : undefined;
    this.client = createClient({
      url: connection.url,
      username: connection.username,
      password: connection.password,
      database: connection.database,
      http_headers: connection.httpHeaders,
      // The server-side limit fires first; this only catches a server that stopped answering.
      request_timeout: (connection.queryTimeoutSeconds + 5) * 1000,
      max_open_connections: 20,
      ...(httpsAgent ? { http_agent: httpsAgent, set_basic_auth_header: true } : {}),
      application: 'flowlens-flows-datasource',
      log: { LoggerClass: clientLoggerClass(logger) },
    });
    this.rollupCatalog = new RollupCatalog((sql, signal) => this.rows(sql, signal), logger);
  }

  rollups(): Promise<Rollup[]> {
    return this.rollupCatalog.get();
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const statement = sql.trim().replace(/;+\s*$/, '');
    if (statement === '') {
      throw new EngineError('query', 'the query is empty: write a SELECT, e.g. SELECT count() FROM flows');
    }
    const { signal, dispose, timedOut } = queryDeadline(options);
    let queryId = randomUUID();
    try {
      const server = await this.server(signal);
      const formats = await import('./resultFormats.ts');
      const requestAs = (id: string): ResultRequest => ({
        client: this.client,
        statement,
        queryId: id,
        limits: this.limits(server, options),
        rowLimit: options.rowLimit,
        serverTimeZone: server.timeZone,
        signal,
        kill: () => this.kill(id),
      });
      let request = requestAs(queryId);
      if (hasScalarSubquery(statement)) {
        const answer = await formats.readSelfDescribed(request, server.arrowOutput);
        if (answer) {
          return answer;
        }
        // The first run is being stopped by its id, asynchronously: the described run needs its own.
        queryId = randomUUID();
        request = requestAs(queryId);
      }
      const columns = await this.describe(statement, signal);
      if (columns && server.arrowOutput && columns.every((column) => arrowConvertible(column.type))) {
        return await formats.readArrow(request, columns);
      }
      if (columns && columns.every((column) => rowBinaryReadable(column.type))) {
        return await formats.readRowBinary(request, columns);
      }
      if (columns && columns.every((column) => tabSeparatedReadable(column.type))) {
        return await formats.readTabSeparated(request, columns);
      }
      return await formats.readJsonCompact(request);
    } catch (error) {
      if (signal.aborted) {
        this.kill(queryId);
      }
      throw this.failure(error, timedOut());
    } finally {
      dispose();
    }
  }

  /**
   * Stops a query on the server when Grafana cancels or the deadline passes. Closing the connection
   * does that on newer servers; KILL QUERY also covers servers without that setting (18.x) and
   * queries that have not produced output yet. A user may always kill its own queries.
   */
  private kill(queryId: string): void {
    void this.client
      .command({
        query: `KILL QUERY WHERE query_id = '${queryId}' ASYNC`,
        abort_signal: AbortSignal.timeout(5000),
      })
      .catch((error: unknown) => this.logger.debug('KILL QUERY failed', { queryId, error: String(error) }));
  }

  async health(signal: AbortSignal): Promise<EngineHealth> {
    try {
      this.serverInfo = undefined;
      this.rollupCatalog.clear();
      const server = await this.server(signal);
      const exists = await this.rows<{ n: string }>(
        `SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'flows'`,
        signal
      );
      const health: EngineHealth = {
        engine: 'ClickHouse',
        version: server.version,
        location: this.connection.url,
        database: this.connection.database,
        flows: { exists: exists[0]?.n !== '0' },
      };
      if (health.flows.exists) {
        const [stats] = await this.rows<{ rows: string; newest: string | number }>(
          'SELECT count() AS rows, toUnixTimestamp(max(flowEndSeconds)) AS newest FROM flows',
          signal
        );
        health.flows.rowCount = String(stats?.rows ?? '0');
        const newest = Number(stats?.newest ?? 0);
        health.flows.newestFlowMs = newest > 0 ? newest * 1000 : undefined;
      }
      return health;
    } catch (error) {
      throw this.failure(error, false);
    }
  }

  async schema(signal: AbortSignal): Promise<TableSchema[]> {
    try {
      const columns = await this.rows<{ table: string; name: string; type: string }>(
        'SELECT table, name, type FROM system.columns WHERE database = currentDatabase()',
        signal
      );
      const tables = new Map<string, TableSchema>();
      for (const column of columns) {
        const table = tables.get(column.table) ?? { name: column.table, columns: [] };
        table.columns.push({ name: column.name, type: column.type });
        tables.set(column.table, table);
      }
      return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw this.failure(error, false);
    }
  }

  async distinctValues(column: string, limit: number, signal: AbortSignal, timeRange?: TimeRange): Promise<string[]> {
    const quoted = this.dialect.quoteIdentifier(column);
    const where = timeRange
      ? `WHERE flowEndSeconds >= toDateTime(${Math.floor(timeRange.fromMs / 1000)}) AND flowEndSeconds <= toDateTime(${Math.floor(timeRange.toMs / 1000)})`
      : '';
    try {
      const rows = await this.rows<{ value: string }>(
        `SELECT toString(${quoted}) AS value, count() AS seen FROM flows ${where} GROUP BY value ORDER BY seen DESC, value LIMIT ${Math.floor(limit)}`,
        signal
      );
      return rows.map((row) => row.value);
    } catch (error) {
      throw this.failure(error, false);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private failure(error: unknown, timedOut: boolean): EngineError {
    const context = {
      url: this.connection.url,
      username: this.connection.username,
      timeoutSeconds: this.connection.queryTimeoutSeconds,
    };
    if (timedOut) {
      return new EngineError(
        'timeout',
        `query stopped after the ${context.timeoutSeconds} s timeout (queryTimeoutSeconds); narrow the time range or raise the timeout.`
      );
    }
    const engineError = toEngineError(error, context);
    if (engineError.kind === 'connection') {
      // The server may come back as another version, or another database; ask again next time.
      this.serverInfo = undefined;
      this.rollupCatalog.clear();
    }
    return engineError;
  }

  private server(signal: AbortSignal): Promise<ServerInfo> {
    if (!this.serverInfo) {
      const probe = this.rows<{ version: string; tz: string }>(
        'SELECT version() AS version, timezone() AS tz',
        signal
      ).then(([row]) => {
        const [major = 0, minor = 0] = (row?.version ?? '0').split('.').map(Number);
        const info: ServerInfo = {
          version: row?.version ?? 'unknown',
          timeZone: row?.tz ?? 'UTC',
          arrowOutput: major >= 23,
          cancelsOnClose: major > 19 || (major === 19 && minor >= 2),
        };
        this.logger.debug('ClickHouse server', { version: info.version, arrow: info.arrowOutput });
        return info;
      });
      this.serverInfo = probe;
      probe.catch(() => {
        if (this.serverInfo === probe) {
          this.serverInfo = undefined;
        }
      });
    }
    return this.serverInfo;
  }

  private limits(server: ServerInfo, options: QueryOptions): Record<string, string | number> {
    return {
      readonly: '2',
      max_execution_time: this.connection.queryTimeoutSeconds,
      max_result_rows: String(options.rowLimit + 1),
      result_overflow_mode: 'break',
      ...(server.cancelsOnClose ? { cancel_http_readonly_queries_on_client_close: 1 } : {}),
    };
  }

  /** Result column names and types without running the query (every server since 18.x); undefined when it is not a SELECT. */
  private async describe(statement: string, signal: AbortSignal): Promise<DescribedColumn[] | undefined> {
    try {
      const rows = await this.rows<{ name: string; type: string }>(
        `DESCRIBE TABLE (${statement})`,
        signal,
        settings({ readonly: '2' })
      );
      return rows.map((row) => ({ name: row.name, typeText: row.type, type: parseClickHouseType(row.type) }));
    } catch (error) {
      if (signal.aborted) {
        throw error;
      }
      // SHOW, EXISTS, EXPLAIN… cannot be described; the row path runs them and reports real errors.
      return undefined;
    }
  }

  /** Small internal queries (metadata, health) as JSON rows. */
  private async rows<T>(query: string, signal: AbortSignal, settings: ClickHouseSettings = {}): Promise<T[]> {
    const result = await this.client.query({
      query,
      format: 'JSONEachRow',
      abort_signal: signal,
      clickhouse_settings: { max_execution_time: this.connection.queryTimeoutSeconds, ...settings },
    });
    return result.json<T>();
  }
}

/** Settings are sent as URL parameters; some exist only in newer servers, so they are typed loosely here. */
function settings(values: Record<string, string | number>): ClickHouseSettings {
  return values as ClickHouseSettings;
}
