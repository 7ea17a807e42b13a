import { ClickHouseHttp, policyEventsInsertSql, type ClickHouseConnectionOptions } from '@flowlens/flowgen';
import type { StoredFrame } from '../buffer/diskBuffer.ts';

/**
 * Policy changes into policy_events. A batch sent twice repeats rows with the same auditID: the
 * table's ReplacingMergeTree folds them, and the dashboards read DISTINCT meanwhile.
 */
export class PolicyEventsDestination {
  private readonly http: ClickHouseHttp;

  constructor(connection: ClickHouseConnectionOptions) {
    this.http = new ClickHouseHttp(connection);
  }

  async deliver(stored: StoredFrame): Promise<void> {
    await this.http.query(policyEventsInsertSql(), {
      body: stored.frame.body,
      parameters: { query_id: `flowlens-ingest-${stored.token}` },
    });
  }

  close(): void {
    this.http.close();
  }
}
