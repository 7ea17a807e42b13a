import type { Session } from 'chdb';
import { writeFlows, type WriteOptions, type WriteResult } from './load.ts';
import type { GenerateOptions } from './options.ts';
import {
  insertPolicyEventsIntoChdb,
  insertPolicyEventsIntoClickHouse,
  policyEventsOfBackfill,
} from './policyEvents/backfill.ts';
import { applySchema, type ApplySchemaOptions, type SchemaReport } from './schema.ts';
import { chdbSchemaTarget, clickhouseSchemaTarget } from './schemaTargets.ts';
import { ChdbSink, type ChdbSinkOptions } from './sinks/chdb.ts';
import { ClickHouseHttpSink, type ClickHouseSinkOptions, type DuplicateGuard } from './sinks/clickhouseHttp.ts';

export interface SchemaChoice {
  /**
   * Apply provisioning/clickhouse/*.sql before loading: true, false, or its options. Unless options
   * say otherwise, the retention TTL is left out (reported as skipped): backfills have fixed past
   * dates by default, and a 12-hour TTL would delete them as they land.
   */
  applySchema?: boolean | ApplySchemaOptions;
}

export type ChdbLoadOptions = GenerateOptions & WriteOptions & ChdbSinkOptions & SchemaChoice;

export interface LoadResult extends WriteResult {
  schema: SchemaReport | undefined;
  /** Policy changes of the range written to policy_events (0 when the table does not exist). */
  policyEvents: number;
}

/**
 * Loads a backfill into a chDB session, creating the flows table first (without retention) unless
 * told not to.
 * E.g. `await loadIntoChdb(session, { count: 1_000_000 })` or `{ from: '2025-01-06', to: '2025-01-07' }`.
 */
export async function loadIntoChdb(session: Session, options: ChdbLoadOptions): Promise<LoadResult> {
  const schema =
    options.applySchema === false ? undefined : await applySchema(chdbSchemaTarget(session), schemaOptions(options));
  const sink = await ChdbSink.open(session, options);
  try {
    const result = await writeFlows(sink, options);
    const events = policyEventsOfBackfill(options, result.lastTimeInserted);
    return { ...result, schema, policyEvents: await insertPolicyEventsIntoChdb(session, events) };
  } finally {
    await sink.close();
  }
}

export type ClickHouseLoadOptions = GenerateOptions & WriteOptions & ClickHouseSinkOptions & SchemaChoice;

export interface ClickHouseLoadResult extends LoadResult {
  guard: DuplicateGuard;
  retries: number;
  /** Batches whose insert failed but which were found stored, so were not resent. */
  landedDespiteFailure: number;
}

/**
 * Loads a backfill into ClickHouse over HTTP, retrying while the server is down and never storing
 * a batch twice. The schema is applied first only when `applySchema` is set.
 */
export async function loadIntoClickHouse(options: ClickHouseLoadOptions): Promise<ClickHouseLoadResult> {
  let schema: SchemaReport | undefined;
  if (options.applySchema) {
    const target = clickhouseSchemaTarget(options);
    try {
      schema = await applySchema(target, schemaOptions(options));
    } finally {
      target.close();
    }
  }
  const sink = await ClickHouseHttpSink.open(options);
  try {
    const result = await writeFlows(sink, options);
    const events = policyEventsOfBackfill(options, result.lastTimeInserted);
    return {
      ...result,
      schema,
      policyEvents: await insertPolicyEventsIntoClickHouse(options, events),
      guard: sink.guard,
      retries: sink.retries,
      landedDespiteFailure: sink.landedDespiteFailure,
    };
  } finally {
    await sink.close();
  }
}

function schemaOptions(options: SchemaChoice & { log?: (line: string) => void }): ApplySchemaOptions {
  const given = typeof options.applySchema === 'object' ? options.applySchema : {};
  return { log: options.log, retentionHours: 0, ...given };
}
