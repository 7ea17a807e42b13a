import { Counter, Gauge, Registry } from 'prom-client';
import type { DiskBuffer } from './buffer/diskBuffer.ts';
import type { FormatName } from './formats/outcome.ts';
import type { InputName } from './pipeline/ingestPipeline.ts';

type AcceptedTally = Record<InputName, Record<FormatName, number>>;
const noneAccepted = (): AcceptedTally => ({
  tcp: { flowlens: 0, hubble: 0, packetbeat: 0 },
  http: { flowlens: 0, hubble: 0, packetbeat: 0 },
});

/** What flowlens-ingest counts, served at /metrics in Prometheus's text format. Never a secret. */
export class IngestMetrics {
  readonly registry = new Registry();
  // Every accepted line is counted here as a plain number (a labelled counter's inc cost more than a
  // twentieth of a line's whole work) and moved into the counter when /metrics is read.
  readonly acceptedSinceRead = noneAccepted();
  private readonly accepted = new Counter({
    name: 'flowlens_ingest_lines_accepted_total',
    help: 'Flow lines parsed into flow records, by input and format',
    labelNames: ['input', 'format'] as const,
    registers: [this.registry],
    collect: () => this.moveAcceptedIntoCounter(),
  });
  readonly rejected = new Counter({
    name: 'flowlens_ingest_lines_rejected_total',
    help: 'Lines not stored, by input and reason (the first few of each reason are logged)',
    labelNames: ['input', 'reason'] as const,
    registers: [this.registry],
  });
  readonly auditEvents = new Counter({
    name: 'flowlens_ingest_audit_events_total',
    help: 'Audit events received: policy changes kept, the rest by why they are no policy change',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly inserted = new Counter({
    name: 'flowlens_ingest_rows_inserted_total',
    help: 'Rows ClickHouse confirmed, by table',
    labelNames: ['table'] as const,
    registers: [this.registry],
  });
  readonly insertErrors = new Counter({
    name: 'flowlens_ingest_insert_errors_total',
    help: 'Failed attempts to send a batch to ClickHouse (the batch stays buffered and is sent again)',
    registers: [this.registry],
  });
  readonly backpressure = new Counter({
    name: 'flowlens_ingest_backpressure_total',
    help: 'Times the buffer was full: a TCP connection paused, an HTTP request answered 503',
    labelNames: ['input'] as const,
    registers: [this.registry],
  });

  constructor(buffer: DiskBuffer) {
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(value());
        },
      });
    gauge('flowlens_ingest_buffered_rows', 'Rows on disk waiting for ClickHouse', () => buffer.pendingRows);
    gauge('flowlens_ingest_buffered_bytes', 'Bytes on disk waiting for ClickHouse', () => buffer.usedBytes);
    gauge('flowlens_ingest_buffer_capacity_bytes', 'The buffer bound; inputs wait beyond it', () => buffer.maxBytes);
    gauge(
      'flowlens_ingest_buffer_damaged_bytes',
      'Bytes of damaged buffer segments skipped at start (see the log)',
      () => buffer.damagedBytes
    );
  }

  private moveAcceptedIntoCounter(): void {
    for (const [input, counts] of Object.entries(this.acceptedSinceRead)) {
      for (const [format, count] of Object.entries(counts)) {
        if (count > 0) this.accepted.inc({ input, format }, count);
        counts[format as FormatName] = 0;
      }
    }
  }
}
