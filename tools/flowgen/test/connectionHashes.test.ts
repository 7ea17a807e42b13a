import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseServer } from '@flowlens/testkit';
import { connectionStartHashSql } from '@flowlens/flow-schema';
import { defaultSchemaDir, loadIntoChdb, loadIntoClickHouse } from '../src/index.ts';
import { connectionKey } from './helpers/rollupConnections.ts';

// The rollup keeps each connection as its start hash and cityHash64 of its key (05-flows-rollups.sql;
// sipHash64 in place of the start hash before 2026-12-07), and the backend hashes raw records at query
// time: a rollup written by one ClickHouse is read by the next one after an upgrade, so every hash must
// give the same values on the oldest and newest servers.
const records = { seed: 31, from: '2025-03-03T10:00:00Z', count: 3_000, applySchema: true } as const;
const hashes = `SELECT ${connectionStartHashSql} AS m, sipHash64(${connectionKey}) AS s, cityHash64(${connectionKey}) AS c
FROM flows ORDER BY m, s, c`;

let dir: string;
let session: Session;
let server: ClickHouseServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowgen-hashes-'));
  session = new Session(dir);
  server = await ClickHouseServer.launch();
  await loadIntoChdb(session, records);
  await loadIntoClickHouse({ url: server.url, ...records, log: () => {} });
});

afterAll(async () => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
  await server?.close();
});

describe('connection hashes across ClickHouse versions', () => {
  it('are the same on 18.16 and on 26 for the same records', async () => {
    const modern = (await session.queryAsync(hashes, { format: 'TabSeparated' })).text().trim();
    const legacy = (await server.query(hashes)).trim();
    expect(legacy.split('\n')).toHaveLength(records.count);
    expect(legacy).toBe(modern);
  });

  it('are made by the rollup view with the expression the backend uses for raw records', () => {
    const view = readFileSync(join(defaultSchemaDir, '05-flows-rollups.sql'), 'utf8').replace(/\s+/g, ' ');
    expect(view).toContain(`groupArrayIf(${connectionStartHashSql}, endsHere = 1) AS connectionStartHashes`);
  });
});
