import { ByteWriter, RowBinaryEncoder, TabSeparatedEncoder, type RecordEncoder } from '@flowlens/flowgen';
import { parseLine, parseValue, type ParseContext } from '../formats/parseLine.ts';
import type { FormatName, LineOutcome, RejectReason } from '../formats/outcome.ts';
import { LineSplitter } from '../inputs/lineSplitter.ts';

export type WireFormat = 'RowBinary' | 'TabSeparated';

/** Bytes an input accepted, to parse and encode off the main thread. */
export interface ParseJob {
  /** Whole lines of NDJSON, or (`array`) a JSON array body. */
  kind: 'lines' | 'array';
  bytes: Uint8Array;
  /** clusterUUID of records that carry none. */
  clusterUUID: string;
  /** timeInserted of every record of the job: the second its bytes were accepted. */
  second: number;
}

export interface Rejection {
  /** 1-based, within the job. */
  line: number;
  reason: RejectReason;
  detail: string;
  /** The line's start, for the log ('' for an element of a JSON array: the detail says enough). */
  start: string;
}

/** Encoded rows of one cluster, all with the job's timeInserted. */
export interface EncodedRows {
  clusterUUID: string;
  rows: number;
  bytes: Uint8Array;
}

export interface ParsedBatch {
  /** Lines (or array elements) seen, blank ones included: HTTP numbers lines across a body's jobs. */
  lines: number;
  accepted: Partial<Record<FormatName, number>>;
  rejected: Partial<Record<RejectReason, number>>;
  /** The rejections worth telling: the first few of each reason and the first ten, in line order. */
  samples: Rejection[];
  encoded: EncodedRows[];
  /**
   * Packetbeat flow events, left for the main thread to parse in the order they came: each one's
   * counters are the increase since its flow's previous report, which may be in another job.
   */
  ordered: Array<{ line: number; text: string; element: boolean }>;
  /** An `array` job whose bytes are no JSON array: why. */
  notAnArray?: string;
}

// As many as the log shows per reason (Rejections) and HTTP answers with (LineTally).
const samplesPerReason = 5;
const firstRejections = 10;

/** Stands in for the Packetbeat totals in a parser thread: it notes that the line needs them. */
class OrderedParseNeeded {
  needed = false;

  delta<T>(_flowId: string, totals: T): T {
    this.needed = true;
    return totals;
  }
}

export function recordEncoder(format: WireFormat): RecordEncoder {
  return format === 'RowBinary' ? new RowBinaryEncoder() : new TabSeparatedEncoder();
}

/**
 * Parses a job's lines and encodes the flow records among them for the buffer: the work that
 * runs on parser threads (the same function runs inline when there are none). Counts what was
 * taken and rejected; the main thread applies results in the order the jobs were accepted.
 */
export function parseBatch(job: ParseJob, encoder: RecordEncoder, maxLineBytes: number): ParsedBatch {
  const batch: ParsedBatch = { lines: 0, accepted: {}, rejected: {}, samples: [], encoded: [], ordered: [] };
  const writers = new Map<string, { writer: ByteWriter; rows: number }>();
  const totals = new OrderedParseNeeded();
  const context: ParseContext = { clusterUUID: job.clusterUUID, packetbeatTotals: totals };
  let rejections = 0;

  // `text` is the line, or an array element's JSON: what the main thread parses again if need be.
  const take = (outcome: LineOutcome, line: number, text: string, element: boolean): void => {
    if (totals.needed) {
      totals.needed = false;
      batch.ordered.push({ line, text, element });
      return;
    }
    if (outcome.kind === 'flow') {
      batch.accepted[outcome.format] = (batch.accepted[outcome.format] ?? 0) + 1;
      const record = outcome.record;
      record.timeInserted = job.second;
      let open = writers.get(record.clusterUUID);
      if (!open) {
        open = { writer: new ByteWriter(64 * 1024), rows: 0 };
        writers.set(record.clusterUUID, open);
      }
      encoder.writeRecord(record, open.writer);
      open.rows++;
      return;
    }
    const seen = (batch.rejected[outcome.reason] ?? 0) + 1;
    batch.rejected[outcome.reason] = seen;
    rejections++;
    if (seen <= samplesPerReason || rejections <= firstRejections) {
      batch.samples.push({
        line,
        reason: outcome.reason,
        detail: outcome.detail,
        start: element ? '' : text.slice(0, 200),
      });
    }
  };

  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  if (job.kind === 'array') {
    let items: unknown;
    try {
      items = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return { ...batch, notAnArray: (error as Error).message };
    }
    if (!Array.isArray(items)) return { ...batch, notAnArray: 'the body is not a JSON array' };
    for (const item of items) {
      const line = ++batch.lines;
      const outcome = parseValue(item, context);
      take(outcome, line, totals.needed ? JSON.stringify(item) : '', true);
    }
  } else {
    const splitter = new LineSplitter(
      maxLineBytes,
      (text) => {
        const line = ++batch.lines;
        if (text.trim() === '') return;
        take(parseLine(text, context), line, text, false);
      },
      (start) => {
        const line = ++batch.lines;
        const detail = `longer than ${maxLineBytes} bytes`;
        take({ kind: 'rejected', reason: 'line-too-long', detail }, line, start, false);
      }
    );
    splitter.push(bytes);
    splitter.end();
  }
  for (const [clusterUUID, { writer, rows }] of writers) {
    // A copy of exactly the rows: the thread hands its memory over instead of copying it again.
    batch.encoded.push({ clusterUUID, rows, bytes: new Uint8Array(writer.view()) });
  }
  return batch;
}
