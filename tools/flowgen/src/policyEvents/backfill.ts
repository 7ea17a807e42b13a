import type { Session } from 'chdb';
import { ClickHouseHttp, type ClickHouseConnectionOptions } from '../clickhouse/http.ts';
import { Cluster } from '../model/cluster.ts';
import { generatePolicyEvents } from '../model/policyChanges.ts';
import { resolveBackfill, type GenerateOptions } from '../options.ts';
import type { PolicyEvent } from './columns.ts';
import { policyEventsInsertSql, policyEventsTabSeparated } from './tabSeparated.ts';

/**
 * The policy changes that go with a backfill's flows: its time range, or up to the last record's
 * second when only a count was asked for.
 */
export function policyEventsOfBackfill(options: GenerateOptions, lastTimeInserted: number | undefined): PolicyEvent[] {
  const plan = resolveBackfill(options);
  const to = plan.to ?? (lastTimeInserted ?? plan.from) + 1;
  return generatePolicyEvents({
    seed: plan.seed,
    clusterUUID: new Cluster(plan.seed).uuid,
    rangeStart: plan.from,
    from: plan.from,
    to,
  });
}

/** Inserts into chDB's policy_events when the table exists (provisioning/clickhouse/04); returns the rows written. */
export async function insertPolicyEventsIntoChdb(session: Session, events: readonly PolicyEvent[]): Promise<number> {
  const exists = (await session.queryAsync('EXISTS TABLE policy_events', { format: 'TabSeparated' })).text().trim();
  if (exists !== '1' || events.length === 0) {
    return 0;
  }
  await session.queryAsync(`${policyEventsInsertSql()}\n${policyEventsTabSeparated(events)}`);
  return events.length;
}

/** Inserts over ClickHouse's HTTP interface when policy_events exists; returns the rows written. */
export async function insertPolicyEventsIntoClickHouse(
  options: ClickHouseConnectionOptions,
  events: readonly PolicyEvent[]
): Promise<number> {
  const http = new ClickHouseHttp(options);
  try {
    const exists = (await http.query('EXISTS TABLE policy_events FORMAT TabSeparated')).trim();
    if (exists !== '1' || events.length === 0) {
      return 0;
    }
    await http.query(policyEventsInsertSql(), { body: Buffer.from(policyEventsTabSeparated(events)) });
    return events.length;
  } finally {
    http.close();
  }
}
