import { ClickHouseHttpSink, type ClickHouseConnectionOptions, type FlowBatch } from '@flowlens/flowgen';
import type { StoredFrame } from '../buffer/diskBuffer.ts';

/** A batch that may or may not be stored, and no count can say which: another writer shares its range. */
export class UnresolvableBatchError extends Error {}

/**
 * Flow batches into the flows table through flowgen's ClickHouse sink: one INSERT per batch, one
 * part per INSERT, never stored twice (its insert deduplication token, or its landed-or-not count).
 */
export class FlowsDestination {
  private readonly sinks = new Map<string, ClickHouseHttpSink>();
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly connection: ClickHouseConnectionOptions & { table?: string },
    private readonly log: (line: string) => void
  ) {}

  /**
   * Sends the frame, once: a failure is thrown for the shipper to retry. `uncertain`: an earlier
   * attempt may have landed (it failed midway, or the process stopped during it); on servers that
   * cannot deduplicate, the stored rows then decide, counted once no earlier attempt still runs.
   */
  async deliver(stored: StoredFrame, uncertain: boolean): Promise<void> {
    const frame = stored.frame;
    if (frame.kind !== 'flows') throw new Error('not a flows frame');
    const sink = await this.sink(frame.format);
    const batch: FlowBatch = {
      sequence: this.sequence++,
      bytes: frame.body,
      rows: frame.rows,
      firstTimeInserted: frame.firstTimeInserted,
      lastTimeInserted: frame.lastTimeInserted,
      clusterUUID: frame.clusterUUID,
      token: stored.token,
    };
    if (uncertain && sink.guard === 'verify-before-resend') {
      const rows = await sink.settledRows(batch);
      if (rows === batch.rows) return;
      if (rows !== 0) {
        throw new UnresolvableBatchError(
          `${rows} rows of cluster "${batch.clusterUUID}" are in timeInserted ${batch.firstTimeInserted}..${batch.lastTimeInserted}, ` +
            `where this batch of ${batch.rows} may have landed: another writer loads this cluster and time range, so the ` +
            'batch is neither resent nor dropped. Stop the other writer, or use ClickHouse 22.2+ with 03-flows-deduplication.sql'
        );
      }
    }
    await sink.write(batch);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const sink of this.sinks.values()) await sink.close();
    this.sinks.clear();
  }

  private async sink(format: 'RowBinary' | 'TabSeparated'): Promise<ClickHouseHttpSink> {
    let sink = this.sinks.get(format);
    if (!sink) {
      // One attempt per write: the shipper owns the retries, so it can stop them (and back off) as one loop.
      sink = await ClickHouseHttpSink.open({ ...this.connection, format, retrySeconds: 0, log: this.log });
      if (this.closed) {
        // Closed while it opened: a send now would race the next start over the same frame.
        await sink.close();
        throw new Error('flows destination closed');
      }
      this.sinks.set(format, sink);
    }
    return sink;
  }
}
