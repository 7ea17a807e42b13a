// flowlens-ingest: flow lines (FlowLens/Antrea records, Hubble, Packetbeat) over TCP and HTTP, and
// NetworkPolicy changes from the audit webhook, into ClickHouse through a bounded on-disk buffer.
// Start at startIngest; README.md has the formats' mapping tables.
import type { ClickHouseConnectionOptions } from '@flowlens/flowgen';
import { DiskBuffer } from './buffer/diskBuffer.ts';
import { startHttpInput } from './inputs/httpInput.ts';
import { startTcpInput } from './inputs/tcpInput.ts';
import { IngestMetrics } from './metrics.ts';
import type { WireFormat } from './pipeline/flowFrames.ts';
import { IngestPipeline } from './pipeline/ingestPipeline.ts';
import { Rejections } from './pipeline/rejections.ts';
import { FlowsDestination } from './shipping/flowsDestination.ts';
import { PolicyEventsDestination } from './shipping/policyEventsDestination.ts';
import { Shipper } from './shipping/shipper.ts';

export { parseLine, type ParseContext } from './formats/parseLine.ts';
export type { LineOutcome, RejectReason } from './formats/outcome.ts';
export { PacketbeatFlowTotals } from './formats/packetbeatFlowTotals.ts';
export { policyEventsOf, type AuditBatch } from './audit/auditEvents.ts';
export { DiskBuffer } from './buffer/diskBuffer.ts';
export { configFromEnvironment, type IngestOptions } from './config.ts';

export interface IngestServiceOptions {
  clickhouse: ClickHouseConnectionOptions;
  dataDir: string;
  /** Loopback by default; compose listens on 0.0.0.0. Port 0 picks a free one. */
  host?: string;
  tcpPort: number;
  httpPort: number;
  /** Required on /v1/* when set. */
  token?: string;
  /** clusterUUID of records that carry none (HTTP may name one with ?cluster=). Default ''. */
  clusterUUID?: string;
  maxBufferBytes?: number;
  segmentBytes?: number;
  maxLineBytes?: number;
  maxBodyBytes?: number;
  /** Records held in memory until their second ends (TCP waits beyond it); default 200,000. */
  maxOpenRows?: number;
  /** How flow batches travel to ClickHouse: RowBinary (default) or TabSeparated. */
  wireFormat?: WireFormat;
  log?: (line: string) => void;
  /** The clock that gives timeInserted, in unix seconds (tests). */
  clock?: () => number;
}

export interface IngestService {
  tcpPort: number;
  httpPort: number;
  buffer: DiskBuffer;
  metrics: IngestMetrics;
  shipper: Shipper;
  /** Stops taking input, writes what is open to the buffer, stops sending. Buffered data stays for the next start. */
  close(): Promise<void>;
}

export async function startIngest(options: IngestServiceOptions): Promise<IngestService> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const buffer = await DiskBuffer.open({
    dir: options.dataDir,
    maxBytes: options.maxBufferBytes,
    segmentBytes: options.segmentBytes,
    log,
  });
  const metrics = new IngestMetrics(buffer);
  const pipeline = new IngestPipeline(
    buffer,
    metrics,
    new Rejections(metrics, log),
    log,
    options.wireFormat ?? 'RowBinary',
    options.maxOpenRows ?? 200_000,
    options.clock
  );
  const flows = new FlowsDestination(options.clickhouse, log);
  const policyEvents = new PolicyEventsDestination(options.clickhouse);
  const shipper = new Shipper(buffer, flows, policyEvents, metrics, log);
  shipper.start();
  const host = options.host ?? '127.0.0.1';
  const clusterUUID = options.clusterUUID ?? '';
  const maxLineBytes = options.maxLineBytes ?? 1024 * 1024;
  const tcp = await startTcpInput(
    { host, port: options.tcpPort, maxLineBytes, clusterUUID },
    pipeline,
    buffer,
    metrics
  );
  const http = await startHttpInput(
    {
      host,
      port: options.httpPort,
      token: options.token,
      maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
      maxLineBytes,
      clusterUUID,
      retryAfterSeconds: 5,
    },
    pipeline,
    buffer,
    shipper,
    metrics
  );
  return {
    tcpPort: tcp.port,
    httpPort: http.port,
    buffer,
    metrics,
    shipper,
    close: async () => {
      await Promise.all([tcp.close(), http.close()]);
      await pipeline.flush();
      // The shipper closes the connections and has stopped for good before the buffer closes.
      await shipper.stop();
      await buffer.close();
    },
  };
}
