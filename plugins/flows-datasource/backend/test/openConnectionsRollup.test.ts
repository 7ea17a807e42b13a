import { describe, expect, it } from 'vitest';
import { flowColumns } from '@flowlens/flowgen';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import type { Rollup } from '../src/sql/rollup.ts';
import { toSql } from '../src/sql/statementPlan.ts';
import { neverAborted } from './support/engines.ts';
import { rolledUpServers, useRolledUpServer } from './support/rolledUpServers.ts';
import { flowsCsv, type HandMadeFlow } from './servicemap/support/handMadeFlows.ts';

/**
 * Open connections from the rollup read the ended records only of the addresses, destination ports
 * and protocols that have a record that did not end (rollupQuery.ts, `narrowing`). A connection's
 * records lie in any of the parts: the seconds before the first whole minute, the rollup's minutes,
 * the seconds after the last. Hand-made connections with their two kinds of record in every pair of
 * parts must count as the raw records count them, on both servers, on top of flowgen's hour.
 */
const at = (time: string) => Date.parse(`2025-01-06T${time}Z`) / 1000;
// Whole minutes 09:11–09:40 from the rollup; 09:10:20–09:11:00 and 09:40:00–09:40:30 from raw records.
const timeRange = { fromMs: at('09:10:20') * 1000, toMs: at('09:40:30') * 1000 };

const activeTimeout = 2;
const idleTimeout = 1;
const endOfFlow = 3;

function connection(n: number, records: Array<{ end: string; reason: number }>): HandMadeFlow[] {
  return records.map(({ end, reason }) => ({
    sourceIP: `192.0.2.${n}`,
    destinationIP: `198.51.100.${n}`,
    sourceTransportPort: 40_000 + n,
    destinationTransportPort: 8080,
    protocolIdentifier: 6,
    sourcePodNamespace: 'hand-made',
    sourcePodName: `client-${n}`,
    flowStartSeconds: at('09:05:00'),
    flowEndSeconds: at(end),
    flowEndReason: reason,
    octetDeltaCount: 100,
  }));
}

const handMade: HandMadeFlow[] = [
  // Active in the first raw seconds, ended in a rollup minute: not open.
  ...connection(1, [
    { end: '09:10:40', reason: activeTimeout },
    { end: '09:30:30', reason: idleTimeout },
  ]),
  // Active in a rollup minute, ended in the last raw seconds: not open.
  ...connection(2, [
    { end: '09:20:00', reason: activeTimeout },
    { end: '09:40:15', reason: endOfFlow },
  ]),
  // Active and ended in two rollup minutes: not open.
  ...connection(3, [
    { end: '09:12:00', reason: activeTimeout },
    { end: '09:35:00', reason: endOfFlow },
  ]),
  // Active in the last raw seconds, ended in the first: not open.
  ...connection(4, [
    { end: '09:40:20', reason: activeTimeout },
    { end: '09:10:30', reason: idleTimeout },
  ]),
  // Active only, in a rollup minute and in the last raw seconds: open.
  ...connection(5, [
    { end: '09:25:00', reason: activeTimeout },
    { end: '09:40:25', reason: activeTimeout },
  ]),
  // Ended only: not open.
  ...connection(6, [{ end: '09:26:00', reason: idleTimeout }]),
];

function openConnectionsSql(rollups: Rollup[], groupBy: string[] = []) {
  return toSql(
    {
      queryType: 'flows',
      format: 'table',
      flows: { version: 1, view: 'all', metric: 'openConnections', groupBy, filters: [] },
      adHocFilters: [],
    },
    { timeRange, intervalMs: 60_000 },
    clickhouseDialect,
    60,
    rollups
  );
}

function describeOpenConnections(serverName: string, start: () => Promise<{ url: string; close(): Promise<void> }>) {
  describe(`open connections from the rollup count as the raw records do: ${serverName}`, () => {
    const server = useRolledUpServer(start);

    async function answer(sql: string): Promise<string[]> {
      const result = await server.engine().query(sql, { timeoutMs: 60_000, rowLimit: 100_000, signal: neverAborted });
      return Array.from({ length: result.rowCount }, (_, row) =>
        result.fields.map((field) => String(field.values.get(row))).join('|')
      );
    }

    it('with records of one connection in different parts of the range', async () => {
      const [before] = await answer(openConnectionsSql(server.rollups()).sql);
      const columns = flowColumns.map((column) => column.name).join(', ');
      const inserted = await fetch(server.url(), {
        method: 'POST',
        body: `INSERT INTO flows (${columns}) FORMAT CSVWithNames\n${flowsCsv(handMade)}`,
      });
      expect(inserted.status, await inserted.text()).toBe(200);

      const rolled = openConnectionsSql(server.rollups());
      expect(rolled.rollup).toBe('flows_minutes');
      const raw = openConnectionsSql([]);
      expect(raw.rollup).toBeUndefined();
      const [after] = await answer(rolled.sql);
      expect(await answer(raw.sql)).toEqual([after]);
      // Of the six, only connection 5 is open.
      expect(Number(after) - Number(before)).toBe(1);
      // Per source pod too, where the count is not split by start minute.
      const perPod = (rows: string[]) => rows.filter((row) => row.startsWith('hand-made/')).sort();
      const rolledPerPod = perPod(await answer(openConnectionsSql(server.rollups(), ['sourcePod']).sql));
      expect(rolledPerPod.filter((row) => !row.endsWith('|0'))).toEqual(['hand-made/client-5|1']);
      expect(perPod(await answer(openConnectionsSql([], ['sourcePod']).sql))).toEqual(rolledPerPod);
    });
  });
}

for (const [serverName, start] of rolledUpServers) describeOpenConnections(serverName, start);
