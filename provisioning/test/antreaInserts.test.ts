import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema, chdbSchemaTarget, clickhouseSchemaTarget, flowColumns } from '@flowlens/flowgen';
import { ClickHouseServer } from '@flowlens/testkit';
import { antreaInserts, type AntreaRelease } from './support/antreaReleases.ts';

/**
 * Every Antrea release's Flow Aggregator INSERT lands in the table provisioning/clickhouse creates, on
 * both servers FlowLens supports: one row per release with exactly that release's column list, read
 * back column by column, the columns it does not send holding their defaults.
 */
const typeOf = new Map(flowColumns.map((column) => [column.name, column.type]));
const allColumns = flowColumns.map((column) => column.name);
const serviceIP = '10.96.0.10';

/** A value per column that names its release and column, so a value in the wrong column shows. */
function rowFor(release: AntreaRelease, index: number): Record<string, string> {
  return Object.fromEntries(
    release.columns.map((name, position) => {
      const type = typeOf.get(name);
      if (!type) {
        throw new Error(`Antrea ${release.release} inserts ${name}, which the flows table does not have`);
      }
      if (name === 'destinationClusterIP') return [name, serviceIP];
      if (type === 'DateTime') return [name, String(1736164800 + index * 100 + position)];
      if (type === 'String') return [name, `${release.release} ${name}`];
      return [name, String(type === 'UInt8' ? position : 1000 * index + position)];
    })
  );
}

/** What a row must read back as: the values sent, and the defaults of the rest. */
function expectedRow(release: AntreaRelease, sent: Record<string, string>): Record<string, string> {
  const defaults: Record<string, string> = {
    trusted: '0',
    appProtocolName: '',
    httpVals: '',
    egressNodeName: '',
    // 01-flows.sql copies the old name into the new one when a release sends only the old.
    destinationServiceIP: sent.destinationClusterIP ?? '',
  };
  return Object.fromEntries(
    allColumns
      .filter((name) => name !== 'timeInserted')
      .map((name) => [name, sent[name] ?? defaults[name] ?? `missing default for ${name}`])
  );
}

const tabSeparatedLine = (release: AntreaRelease, row: Record<string, string>) =>
  release.columns.map((name) => row[name]).join('\t') + '\n';

/** Every column as text (times as unix seconds), one JSON object per row, on 18.16 and 26 alike. */
const selectAll = (where: string) =>
  `SELECT ${allColumns
    .map((name) =>
      typeOf.get(name) === 'DateTime'
        ? `toString(toUInt32(${name})) AS ${name}`
        : typeOf.get(name) === 'String'
          ? name
          : `toString(${name}) AS ${name}`
    )
    .join(', ')} FROM flows WHERE ${where} FORMAT JSONEachRow`;

interface Server {
  name: string;
  insert(release: AntreaRelease, body: string): Promise<void>;
  query(sql: string): Promise<string>;
}

describe.each([
  ['chDB (ClickHouse 26 engine)', 'chdb'],
  ["Debian's clickhouse-server 18.16", 'clickhouse-server'],
] as const)('the INSERT of every Antrea release into provisioning/clickhouse on %s', (_, kind) => {
  let server: Server;
  let stop: () => Promise<void>;
  const skipNotes: string[] = [];

  beforeAll(async () => {
    if (kind === 'chdb') {
      const dir = mkdtempSync(join(tmpdir(), 'flowlens-antrea-inserts-'));
      const session = new Session(dir);
      await applySchema(chdbSchemaTarget(session), { retentionHours: 0, log: (line) => skipNotes.push(line) });
      server = {
        name: kind,
        insert: async (release, body) => {
          await session.insert({ table: 'flows', values: Buffer.from(body), format: 'TSV', columns: release.columns });
        },
        query: async (sql) => (await session.queryAsync(sql, { format: 'TabSeparated' })).text(),
      };
      stop = async () => {
        session.close();
        rmSync(dir, { recursive: true, force: true });
      };
    } else {
      const clickhouse = await ClickHouseServer.launch();
      const target = clickhouseSchemaTarget({ url: clickhouse.url });
      try {
        await applySchema(target, { log: (line) => skipNotes.push(line) });
      } finally {
        target.close();
      }
      server = {
        name: kind,
        insert: async (release, body) => {
          const sql = `INSERT INTO flows (${release.columns.join(', ')}) FORMAT TabSeparated`;
          const response = await fetch(`${clickhouse.url}/?query=${encodeURIComponent(sql)}`, {
            method: 'POST',
            body,
          });
          if (!response.ok) throw new Error(`Antrea ${release.release}'s insert failed: ${await response.text()}`);
        },
        query: (sql) => clickhouse.query(sql),
      };
      stop = () => clickhouse.close();
    }
  });

  afterAll(async () => {
    await stop?.();
  });

  it.each(antreaInserts.map((release, index) => [release.release, release, index] as const))(
    'Antrea %s: its columns as sent, the others their defaults',
    async (name, release, index) => {
      const sent = rowFor(release, index);
      const before = Math.floor(Date.now() / 1000);
      await server.insert(release, tabSeparatedLine(release, sent));
      const after = Math.ceil(Date.now() / 1000);
      const lines = (await server.query(selectAll(`sourcePodName = '${name} sourcePodName'`))).trim().split('\n');
      expect(lines).toHaveLength(1);
      const { timeInserted, ...back } = JSON.parse(lines[0]!) as Record<string, string>;
      expect(back).toEqual(expectedRow(release, sent));
      // No release sends timeInserted: the server's clock fills it.
      expect(Number(timeInserted)).toBeGreaterThanOrEqual(before);
      expect(Number(timeInserted)).toBeLessThanOrEqual(after);
    }
  );

  it('holds one row per release; the columns no release sends all have defaults', async () => {
    expect(Number((await server.query('SELECT count() FROM flows')).trim())).toBe(antreaInserts.length);
    const sentByAnyRelease = new Set(antreaInserts.flatMap((release) => release.columns));
    const withDefault = (
      await server.query("SELECT name FROM system.columns WHERE table = 'flows' AND default_expression != ''")
    )
      .trim()
      .split('\n');
    expect(allColumns.filter((name) => !sentByAnyRelease.has(name)).sort()).toEqual(
      ['timeInserted', 'destinationServiceIP', 'trusted'].sort()
    );
    expect(withDefault.sort()).toEqual(
      ['timeInserted', 'destinationServiceIP', 'appProtocolName', 'httpVals', 'trusted'].sort()
    );
  });
});
