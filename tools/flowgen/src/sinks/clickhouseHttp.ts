import { createHash } from 'node:crypto';
import {
  ClickHouseError,
  ClickHouseHttp,
  plainIdentifier,
  stringLiteral,
  type ClickHouseConnectionOptions,
} from '../clickhouse/http.ts';
import { parseVersion } from '../clickhouse/version.ts';
import type { FlowEncoder } from '../encoding/encoder.ts';
import { RowBinaryEncoder } from '../encoding/rowBinary.ts';
import { TabSeparatedEncoder } from '../encoding/tabSeparated.ts';
import { deduplicatesInserts, insertColumnList, requireFlowColumns } from './flowsTable.ts';
import type { FlowBatch, FlowSink } from './sink.ts';

export interface ClickHouseSinkOptions extends ClickHouseConnectionOptions {
  /** Default `flows`. */
  table?: string;
  /** Wire format; RowBinary (default) costs the server least to parse. */
  format?: 'RowBinary' | 'TabSeparated';
  /**
   * Keep retrying one batch this long while ClickHouse is down before giving up; default 300. 0: one
   * attempt, its error thrown as is (a caller with its own retry loop, such as flowlens-ingest).
   */
  retrySeconds?: number;
  /** Wait this long for ClickHouse to answer at the start (it may still be starting); default 0. */
  waitSeconds?: number;
  /** Where notes about retries and the duplicate guard go; default stderr. */
  log?: (line: string) => void;
}

/**
 * How a resent batch is kept from landing twice:
 * - `deduplication-token`: ClickHouse 22.2+ with a deduplicating table drops a block whose
 *   insert_deduplication_token it has seen, so a batch is simply resent with the same token.
 * - `verify-before-resend`: older servers (Debian's 18.16) cannot deduplicate. A batch is one
 *   block of whole seconds within one hour, so the server stores it as one part, entirely or not at
 *   all. After a failure the sink waits until the insert's query id is no longer running, counts
 *   this cluster's rows in the batch's timeInserted range, and resends only if the count is still
 *   what it was before the first attempt; if it grew by the batch's size the batch landed.
 *   The query id comes from the batch's token, so every attempt of a batch, from any process,
 *   carries the same one: the server refuses a resend while an earlier attempt still runs (code 216),
 *   and the wait before counting also covers attempts of a process that stopped mid-write.
 *   Left open: an attempt still on its way when the count is taken (18.16 lists an INSERT only once
 *   it has read the first MiB of the body or all of it), which needs a sender killed mid-send.
 */
export type DuplicateGuard = 'deduplication-token' | 'verify-before-resend';

const firstBackoffMs = 100;
const longestBackoffMs = 5000;

/** Batched inserts over ClickHouse's HTTP interface, retried while the server is down, never twice. */
export class ClickHouseHttpSink implements FlowSink {
  readonly encoder: FlowEncoder;
  readonly description: string;
  readonly preferredBatchRows = 100_000;
  /** Attempts that failed and were retried, over the sink's life. */
  retries = 0;
  /** Batches found already stored after a failed attempt, so not resent. */
  landedDespiteFailure = 0;

  private readonly insertSql: string;
  private outage = false;
  private closed = false;
  /** Ends a backoff wait early when the sink is closed. */
  private wakeFromBackoff: (() => void) | undefined;

  private constructor(
    private readonly http: ClickHouseHttp,
    private readonly table: string,
    readonly serverVersion: string,
    readonly guard: DuplicateGuard,
    private readonly retryMs: number,
    private readonly log: (line: string) => void,
    format: 'RowBinary' | 'TabSeparated'
  ) {
    this.encoder = format === 'TabSeparated' ? new TabSeparatedEncoder() : new RowBinaryEncoder();
    this.description = `ClickHouse ${serverVersion} at ${http.description}, table ${table}`;
    this.insertSql = `INSERT INTO ${table} (${insertColumnList()}) FORMAT ${this.encoder.clickhouseFormat}`;
  }

  static async open(options: ClickHouseSinkOptions): Promise<ClickHouseHttpSink> {
    const http = new ClickHouseHttp(options);
    try {
      const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
      const table = `${http.database}.${plainIdentifier(options.table ?? 'flows', 'table')}`;
      const version = (await firstAnswer(http, 'SELECT version()', options.waitSeconds ?? 0)).trim();
      const [database, name] = table.split('.') as [string, string];
      const columns = await http.query(
        `SELECT name FROM system.columns WHERE database = '${database}' AND table = '${name}' FORMAT TabSeparated`
      );
      requireFlowColumns(columns.split('\n').filter(Boolean), table, `ClickHouse at ${http.description}`);
      const engine = await http.query(
        `SELECT engine_full FROM system.tables WHERE database = '${database}' AND name = '${name}' FORMAT TabSeparated`
      );
      const guard = deduplicatesInserts(parseVersion(version), engine) ? 'deduplication-token' : 'verify-before-resend';
      if (guard === 'verify-before-resend') {
        log(
          `flowgen: ClickHouse ${version} at ${http.description} does not deduplicate inserts into ${table}; ` +
            'a failed batch is resent only after checking it did not land'
        );
      }
      const retrySeconds = options.retrySeconds ?? 300;
      return new ClickHouseHttpSink(
        http,
        table,
        version,
        guard,
        retrySeconds * 1000,
        log,
        options.format ?? 'RowBinary'
      );
    } catch (error) {
      http.close();
      throw error;
    }
  }

  async write(batch: FlowBatch): Promise<void> {
    const deadline = Date.now() + this.retryMs;
    const queryId = insertQueryId(batch);
    const parameters: Record<string, string | number> = {
      query_id: queryId,
      // One block per batch, however large, so the server stores it as one part.
      max_insert_block_size: Math.max(batch.rows, 1_048_576),
    };
    if (this.guard === 'deduplication-token') {
      parameters.insert_deduplication_token = batch.token;
    }
    const rowsBefore =
      this.guard === 'verify-before-resend' ? await this.retrying(batch, deadline, () => this.storedRows(batch)) : 0;

    for (let attempt = 0; ; attempt++) {
      try {
        await this.http.query(this.insertSql, { body: batch.bytes, parameters });
        if (this.outage) {
          this.outage = false;
          this.log(`flowgen: ClickHouse at ${this.http.description} answers again; loading continues`);
        }
        return;
      } catch (error) {
        await this.pause(batch, error, attempt, deadline);
      }
      if (this.guard === 'verify-before-resend') {
        await this.retrying(batch, deadline, () => this.waitUntilFinished(queryId));
        const rowsNow = await this.retrying(batch, deadline, () => this.storedRows(batch));
        if (rowsNow === rowsBefore + batch.rows) {
          this.landedDespiteFailure++;
          return;
        }
        if (rowsNow !== rowsBefore) {
          throw new Error(
            `batch ${batch.sequence} (timeInserted ${batch.firstTimeInserted}..${batch.lastTimeInserted}) is partly in ` +
              `${this.table}: ${rowsNow} rows of cluster ${batch.clusterUUID} there, expected ${rowsBefore} or ` +
              `${rowsBefore + batch.rows}. Another writer may be loading the same cluster and time range; nothing was resent.`
          );
        }
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeFromBackoff?.();
    this.http.close();
  }

  /** Runs `work`, retrying with backoff while the failure is one that can pass. */
  private async retrying<T>(batch: FlowBatch, deadline: number, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        await this.pause(batch, error, attempt, deadline);
      }
    }
  }

  private async pause(batch: FlowBatch, error: unknown, attempt: number, deadline: number): Promise<void> {
    if (!(error instanceof ClickHouseError) || !error.retryable || this.retryMs === 0) {
      throw error;
    }
    if (this.closed) {
      throw new Error(`batch ${batch.sequence} was still being retried when the sink was closed: ${error.message}`);
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `gave up on batch ${batch.sequence} after ${this.retryMs / 1000} s of retries: ${error.message}; ` +
          'start ClickHouse or raise --retry-seconds, then run flowgen again'
      );
    }
    this.retries++;
    if (!this.outage) {
      this.outage = true;
      this.log(`flowgen: ${error.message}; retrying with backoff for up to ${this.retryMs / 1000} s`);
    }
    const delay = Math.min(longestBackoffMs, firstBackoffMs * 2 ** attempt, Math.max(0, deadline - Date.now()));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.wakeFromBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    // A closed sink makes no more requests: its owner may already have handed the batch to another.
    if (this.closed) {
      throw new Error(`batch ${batch.sequence} was still being retried when the sink was closed: ${error.message}`);
    }
  }

  /**
   * With verify-before-resend, for a caller that cannot tell whether an earlier write of the batch
   * landed (it was stopped mid-write, perhaps in another process): waits until no attempt of the
   * batch still runs on the server, then counts. 0 means resend, the batch's row count means it landed.
   */
  async settledRows(batch: FlowBatch): Promise<number> {
    await this.waitUntilFinished(insertQueryId(batch));
    return this.storedRows(batch);
  }

  /** Rows of the batch's cluster in its timeInserted range. */
  private async storedRows(batch: FlowBatch): Promise<number> {
    const answer = await this.http.query(
      `SELECT count() FROM ${this.table} WHERE timeInserted >= toDateTime(${batch.firstTimeInserted}) ` +
        `AND timeInserted <= toDateTime(${batch.lastTimeInserted}) AND clusterUUID = ${stringLiteral(batch.clusterUUID)} FORMAT TabSeparated`
    );
    return Number(answer.trim());
  }

  private async waitUntilFinished(queryId: string): Promise<void> {
    for (;;) {
      const running = await this.http.query(
        `SELECT count() FROM system.processes WHERE query_id = '${queryId}' FORMAT TabSeparated`
      );
      if (Number(running.trim()) === 0) {
        return;
      }
      if (this.closed) {
        throw new Error(`the sink was closed while insert ${queryId} still ran on the server`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The same for every attempt of a batch, in any process: the server runs one query per id at a time. */
function insertQueryId(batch: FlowBatch): string {
  // The id also goes into SQL text (system.processes): anything beyond plain characters is hashed.
  const key = /^[\w-]{1,200}$/.test(batch.token) ? batch.token : createHash('sha256').update(batch.token).digest('hex');
  return `flowgen-insert-${key}`;
}

/** The first answer to `sql`, waiting up to `waitSeconds` for a server that is still starting. */
async function firstAnswer(http: ClickHouseHttp, sql: string, waitSeconds: number): Promise<string> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      return await http.query(sql);
    } catch (error) {
      if (!(error instanceof ClickHouseError) || error.kind !== 'unreachable') {
        throw error;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `${error.message}: is it running, and is the URL right?` +
            (waitSeconds === 0 ? ' Pass --wait-seconds 60 to wait for a server that is starting.' : '')
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
