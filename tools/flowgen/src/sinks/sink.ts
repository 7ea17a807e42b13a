import type { FlowEncoder } from '../encoding/encoder.ts';

/** A block of encoded records, cut so it covers whole seconds of timeInserted within one hour. */
export interface FlowBatch {
  /** 0, 1, 2… in the order the loader produced them. */
  readonly sequence: number;
  /** The encoded rows; the loader reuses this memory once write() settles. */
  readonly bytes: Buffer;
  readonly rows: number;
  /** Every row has timeInserted in [firstTimeInserted, lastTimeInserted], and no other batch of the run does. */
  readonly firstTimeInserted: number;
  readonly lastTimeInserted: number;
  readonly clusterUUID: string;
  /** The batch's identity: the same run options give the same tokens, so a resent batch is recognised. */
  readonly token: string;
}

/**
 * Where records go. A sink picks its encoder and receives whole batches; adding one (Snowflake)
 * means adding a file here, not changing the loader or the other sinks.
 */
export interface FlowSink {
  readonly encoder: FlowEncoder;
  /** Where the rows go, for messages; never contains credentials. */
  readonly description: string;
  /** The batch size this sink works best with, in rows. */
  readonly preferredBatchRows: number;
  /** Resolves once the batch is stored (or written out); rejects with an error a person can act on. */
  write(batch: FlowBatch): Promise<void>;
  close(): Promise<void>;
}
