import { readFileSync } from 'node:fs';
import { parseCommand, UsageError, type Command } from './cli/arguments.ts';
import { usage } from './cli/help.ts';
import { writeFlows, writeLiveFlows, type WriteResult } from './load.ts';
import { applySchema, snowflakeSchemaDir, type SchemaTarget } from './schema.ts';
import { chdbSchemaTarget, clickhouseSchemaTarget, snowflakeSchemaTarget } from './schemaTargets.ts';
import { ChdbSink } from './sinks/chdb.ts';
import { SnowflakeSink } from './sinks/snowflake.ts';
import { SnowflakeSession } from './snowflake/session.ts';
import { ClickHouseHttpSink } from './sinks/clickhouseHttp.ts';
import { FileSink, OutputClosedError } from './sinks/file.ts';
import type { FlowSink } from './sinks/sink.ts';
import { defaultFrom, resolveLive } from './options.ts';
import { Cluster } from './model/cluster.ts';
import { generatePolicyEvents } from './model/policyChanges.ts';
import { sendLivePolicyChanges } from './policyEvents/liveAuditWebhook.ts';
import { formatTime } from './time.ts';
import { ClickHouseHttp, plainIdentifier } from './clickhouse/http.ts';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv, process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      log(`flowgen: ${error.message} (see flowgen --help)`);
      return 2;
    }
    throw error;
  }
  if (command.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (command.version) {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`${manifest.version}\n`);
    return 0;
  }

  // The first SIGINT/SIGTERM stops generating and lets the last batch reach the sink; a second one quits.
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) {
      process.exit(130);
    }
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { sink, closeAll } = await openSink(command);
  if (command.schemaOnly) {
    await closeAll();
    return 0;
  }
  try {
    let history: { from: number; to: number } | undefined;
    if (command.mode.kind === 'live' && command.mode.historySeconds && command.sink.kind === 'clickhouse') {
      history = await backfillHistory(command.sink, command.mode.historySeconds, sink, command, stop.signal);
    }
    const result =
      command.mode.kind === 'live'
        ? await runLive(sink, command, command.mode, history, stop.signal)
        : await writeFlows(sink, { ...command.mode, batchRows: command.batchRows, signal: stop.signal });
    if (!command.quiet) {
      log(summary(result, sink));
    }
    return 0;
  } catch (error) {
    if (error instanceof OutputClosedError) {
      return 0;
    }
    throw error;
  } finally {
    await closeAll();
  }
}

/** Live flows and, with --audit-url, the same simulation's policy changes over the audit webhook. */
async function runLive(
  sink: FlowSink,
  command: Command,
  mode: Extract<Command['mode'], { kind: 'live' }>,
  history: { from: number; to: number } | undefined,
  signal: AbortSignal
): Promise<WriteResult> {
  const start = Math.floor(Date.now() / 1000);
  const flows = { ...mode, start, batchRows: command.batchRows };
  if (!command.audit) return writeLiveFlows(sink, { ...flows, signal });
  const seed = resolveLive(mode).seed;
  const clusterUUID = new Cluster(seed).uuid;
  // The backfilled hour's changes go first, as its flows did: each at its own drop burst.
  const backlog = history ? generatePolicyEvents({ seed, clusterUUID, rangeStart: history.from, ...history }) : [];
  const auditStop = new AbortController();
  const stopAudit = (): void => auditStop.abort();
  signal.addEventListener('abort', stopAudit);
  const audit = sendLivePolicyChanges({
    ...command.audit,
    seed,
    clusterUUID,
    rangeStart: start,
    backlog,
    signal: auditStop.signal,
    log,
  });
  try {
    return await writeLiveFlows(sink, { ...flows, signal });
  } finally {
    auditStop.abort();
    signal.removeEventListener('abort', stopAudit);
    const { sent } = await audit;
    if (!command.quiet) log(`flowgen: ${sent} policy changes sent to ${command.audit.url}`);
  }
}

async function openSink(command: Command): Promise<{ sink: FlowSink; closeAll: () => Promise<void> }> {
  const sinkOptions = command.sink;
  const cluster =
    command.cluster !== undefined && sinkOptions.kind === 'clickhouse'
      ? { name: command.cluster, database: sinkOptions.database ?? 'default' }
      : undefined;
  const schemaOptions = { retentionHours: command.retentionHours, log, cluster };
  const prepare = async (target: SchemaTarget): Promise<void> => {
    if (command.applySchema) {
      warnIfRetentionDeletesBackfill(command);
      const report = await applySchema(target, schemaOptions);
      if (!command.quiet) {
        log(`flowgen: applied ${report.applied.map((file) => file.file).join(', ')} to ${target.description}`);
      }
    }
  };
  if (sinkOptions.kind === 'file') {
    const sink = new FileSink({ format: sinkOptions.format, output: sinkOptions.output });
    return { sink, closeAll: () => sink.close() };
  }
  if (sinkOptions.kind === 'clickhouse') {
    const connection = { ...sinkOptions, log };
    if (command.applySchema) {
      const target = clickhouseSchemaTarget(connection);
      try {
        await prepare(target);
      } finally {
        target.close();
      }
    }
    const sink = await ClickHouseHttpSink.open({ ...connection, format: sinkOptions.wireFormat });
    return { sink, closeAll: () => sink.close() };
  }
  if (sinkOptions.kind === 'snowflake') {
    if (command.applySchema) {
      const session = await SnowflakeSession.open(sinkOptions);
      try {
        const report = await applySchema(snowflakeSchemaTarget(session), { schemaDir: snowflakeSchemaDir, log });
        if (!command.quiet) {
          log(`flowgen: applied ${report.applied.map((file) => file.file).join(', ')} to ${session.description}`);
        }
      } finally {
        await session.close();
      }
    }
    const sink = await SnowflakeSink.open(sinkOptions);
    return { sink, closeAll: () => sink.close() };
  }
  // chDB is a native library of ~150 MB: load it only when asked for.
  const { Session } = await import('chdb');
  const session = new Session(sinkOptions.path);
  try {
    await prepare(chdbSchemaTarget(session));
    const sink = await ChdbSink.open(session, { table: sinkOptions.table });
    return {
      sink,
      closeAll: async () => {
        await sink.close();
        session.close();
      },
    };
  } catch (error) {
    session.close();
    throw error;
  }
}

/**
 * Live mode's --history: fill the recent past first, so dashboards have something to show at once,
 * unless the table already holds records from that period (a restart must not load it twice).
 */
async function backfillHistory(
  connection: Extract<Command['sink'], { kind: 'clickhouse' }>,
  seconds: number,
  sink: FlowSink,
  command: Command,
  signal: AbortSignal
): Promise<{ from: number; to: number } | undefined> {
  const http = new ClickHouseHttp(connection);
  const to = Math.floor(Date.now() / 1000);
  const from = to - seconds;
  try {
    const table = plainIdentifier(connection.table ?? 'flows', 'table');
    const existing = Number(
      (await http.query(`SELECT count() FROM ${table} WHERE timeInserted >= toDateTime(${from})`)).trim()
    );
    if (existing > 0) {
      log(
        `flowgen: ${existing.toLocaleString('en-US')} records since ${formatTime(from)} already there; no history backfill`
      );
      return undefined;
    }
  } finally {
    http.close();
  }
  const { seed, exportIntervalSeconds } = command.mode;
  const result = await writeFlows(sink, {
    from,
    to,
    seed,
    exportIntervalSeconds,
    batchRows: command.batchRows,
    signal,
  });
  if (!command.quiet) {
    log(summary(result, sink));
  }
  return { from, to };
}

/** The schema's TTL counts from timeInserted, so a backfill of past days can be deleted as it lands. */
function warnIfRetentionDeletesBackfill(command: Command): void {
  const retentionHours = command.retentionHours ?? 12;
  if (command.mode.kind !== 'backfill' || retentionHours === 0) {
    return;
  }
  const from = command.mode.from ?? defaultFrom;
  if (from < Date.now() / 1000 - retentionHours * 3600) {
    log(
      `flowgen: records from ${formatTime(from)} are older than the ${retentionHours}-hour retention, so servers with TTL ` +
        'delete them soon after loading; pass --retention-hours 0 (keep forever) or a longer retention to keep them'
    );
  }
}

function summary(result: WriteResult, sink: FlowSink): string {
  const range =
    result.firstTimeInserted === undefined
      ? ''
      : ` (timeInserted ${formatTime(result.firstTimeInserted)} to ${formatTime(result.lastTimeInserted ?? result.firstTimeInserted)})`;
  const rate = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
  return (
    `flowgen: wrote ${result.rows.toLocaleString('en-US')} records${range} to ${sink.description} ` +
    `in ${result.seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} records/s)`
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`flowgen: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
);
