import { expect } from 'vitest';
import { connectionColumns, connectionStartHashSql } from '@flowlens/flow-schema';

/** A connection as count(DISTINCT …) and the rollup's hashes name it (the backend's flowsBuilder.ts). */
export const connectionKey = connectionColumns.join(', ');

/** The rollup's rows expanded to (h, l) pairs: its id columns plain arrays, or groupArray states before 21.1. */
async function rollupPairs(text: (sql: string) => Promise<string>): Promise<string> {
  const type = await text(
    "SELECT type FROM system.columns WHERE database = currentDatabase() AND table = 'flows_minutes' AND name = 'connectionCityHashes'"
  );
  const array = (column: string) => (type.startsWith('AggregateFunction(') ? `finalizeAggregation(${column})` : column);
  return `flows_minutes ARRAY JOIN ${array('connectionStartHashes')} AS h, ${array('connectionCityHashes')} AS l`;
}

/**
 * The rollup's connection hashes after its rows are merged (OPTIMIZE … FINAL: what background merges
 * do over time): per minute they name the same connections as the raw records, and the two arrays stay
 * aligned, every (start hash, cityHash64) pair being one real record's. `text` runs a query on the
 * server under test and returns its TabSeparated answer.
 */
export async function expectRollupConnectionsMatchRaw(text: (sql: string) => Promise<string>): Promise<void> {
  await text('OPTIMIZE TABLE flows_minutes FINAL');
  const pairs = await rollupPairs(text);
  const raw = await text(
    `SELECT toUInt32(toStartOfMinute(flowEndSeconds)) AS m, uniqExact(${connectionKey}) FROM flows GROUP BY m ORDER BY m`
  );
  const rolled = await text(`SELECT toUInt32(minute) AS m, uniqExact(h, l) FROM ${pairs} GROUP BY m ORDER BY m`);
  expect(raw.split('\n').length, raw).toBeGreaterThan(3);
  expect(rolled).toBe(raw);
  const strangers = await text(
    `SELECT count() FROM ${pairs} WHERE (h, l) NOT IN (SELECT ${connectionStartHashSql}, cityHash64(${connectionKey}) FROM flows)`
  );
  expect(strangers).toBe('0');
}
