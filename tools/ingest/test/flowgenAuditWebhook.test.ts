// flowgen's live policy changes, sent as the audit webhook sends them (the compose demo's path),
// against the real flowlens-ingest and Debian's clickhouse-server 18.16.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ClickHouseServer } from '@flowlens/testkit';
import { auditEventList, generatePolicyEvents, sendLivePolicyChanges, type PolicyEvent } from '@flowlens/flowgen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyEventsOf } from '../src/index.ts';
import { flowgenNodeArgs } from '../../flowgen/test/helpers/cli.ts';
import { clickhouseWithSchema, eventually, startHarness, token, type Harness } from './helpers/harness.ts';

const seed = 7;
const clusterUUID = 'flowgen-audit-test';
// The model's first change is the operator's patch 20 minutes into the simulation.
const rangeStart = Date.UTC(2026, 0, 5, 9) / 1000;
const firstPatch = rangeStart + 20 * 60;

describe('flowgen audit events into flowlens-ingest', () => {
  let server: ClickHouseServer;
  beforeAll(async () => {
    server = await clickhouseWithSchema();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const rows = async (): Promise<string[]> =>
    (
      await server.query(
        `SELECT auditID, eventTime, verb, kind, policyName, userName, responseCode FROM policy_events WHERE clusterUUID = '${clusterUUID}' ORDER BY eventTime, auditID FORMAT TSV`
      )
    )
      .split('\n')
      .filter(Boolean);
  const expectedRows = (events: PolicyEvent[]): string[] =>
    events.map((event) =>
      [
        event.auditID,
        new Date(event.eventTime * 1000).toISOString().slice(0, 19).replace('T', ' '),
        event.verb,
        event.kind,
        event.policyName,
        event.userName,
        event.responseCode,
      ].join('\t')
    );

  it('reads back every change the model makes, whatever its kind, verb and answer', () => {
    const events = generatePolicyEvents({ seed, clusterUUID, rangeStart, from: rangeStart, to: rangeStart + 7 * 3600 });
    expect(new Set(events.map((event) => `${event.kind} ${event.verb} ${event.responseCode}`))).toEqual(
      new Set(['ClusterNetworkPolicy patch 200', 'NetworkPolicy update 200', 'NetworkPolicy delete 403'])
    );
    const batch = policyEventsOf(JSON.parse(JSON.stringify(auditEventList(events))), clusterUUID);
    expect(batch.invalid).toEqual([]);
    expect(batch.ignored).toEqual({});
    expect(batch.events).toEqual(events);
  });

  it('sends the backlog, then each change once it is due, every one stored once', async () => {
    const ingest = await startHarness(server.url);
    const stop = new AbortController();
    let now = (firstPatch - 2) * 1000;
    const logs: string[] = [];
    // The hour before: the changes a history backfill would bring, sent first.
    const backlog = generatePolicyEvents({
      seed,
      clusterUUID,
      rangeStart: rangeStart - 3600,
      from: rangeStart - 3600,
      to: rangeStart,
    });
    const sending = sendLivePolicyChanges({
      url: `http://127.0.0.1:${ingest.service.httpPort}/v1/audit`,
      token,
      seed,
      clusterUUID,
      rangeStart,
      backlog,
      signal: stop.signal,
      log: (line) => logs.push(line),
      clock: () => now,
      tickMilliseconds: 50,
    });
    try {
      expect(backlog.length).toBeGreaterThan(0);
      await eventually('the backlog in policy_events', rows, (found) => found.length === backlog.length);
      // Nothing of the live range is due yet: the first change is two seconds away.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await rows()).toEqual(expectedRows(backlog));

      now = (firstPatch + 1) * 1000;
      const live = generatePolicyEvents({ seed, clusterUUID, rangeStart, from: rangeStart, to: firstPatch + 1 });
      expect(live.map((event) => [event.verb, event.policyName, event.userName])).toEqual([
        ['patch', 'protect-databases', 'alice@example.com'],
      ]);
      await eventually(
        'the live patch in policy_events',
        rows,
        (found) => found.length === backlog.length + live.length
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await rows()).toEqual(expectedRows([...backlog, ...live]));
    } finally {
      stop.abort();
      await sending;
      await ingest.close();
    }
    expect(logs).toEqual([]);
  }, 60_000);

  it('keeps changes while flowlens-ingest is down and sends them once it is up', async () => {
    const first = await startHarness(server.url);
    const port = first.service.httpPort;
    await first.close();
    const stop = new AbortController();
    const logs: string[] = [];
    const events = generatePolicyEvents({
      seed,
      clusterUUID: `${clusterUUID}-outage`,
      rangeStart,
      from: rangeStart,
      to: rangeStart + 3600,
    });
    const sending = sendLivePolicyChanges({
      url: `http://127.0.0.1:${port}/v1/audit`,
      token,
      seed,
      clusterUUID: `${clusterUUID}-outage`,
      rangeStart,
      signal: stop.signal,
      log: (line) => logs.push(line),
      clock: () => (rangeStart + 3599) * 1000,
      tickMilliseconds: 50,
    });
    let second: Harness | undefined;
    try {
      await eventually(
        'a note that sending fails',
        async () => logs.length,
        (count) => count === 1
      );
      expect(logs[0]).toMatch(/could not send 4 audit events to http:\/\/127\.0\.0\.1:\d+\/v1\/audit \(ECONNREFUSED\)/);
      second = await startHarness(server.url, { httpPort: port });
      const stored = await eventually(
        'the held changes in policy_events',
        async () =>
          (
            await server.query(
              `SELECT auditID FROM policy_events WHERE clusterUUID = '${clusterUUID}-outage' ORDER BY eventTime, auditID FORMAT TSV`
            )
          )
            .split('\n')
            .filter(Boolean),
        (found) => found.length === events.length
      );
      expect(stored).toEqual(events.map((event) => event.auditID));
      await eventually(
        'a note that sending works again',
        async () => logs.length,
        (count) => count === 2
      );
      expect(logs[1]).toMatch(/audit events reach http:\/\/127\.0\.0\.1:\d+\/v1\/audit again/);
    } finally {
      stop.abort();
      await sending;
      await second?.close();
    }
  }, 60_000);

  it('has the flowgen command send its backfilled hour’s changes as compose runs it', async () => {
    const ingest = await startHarness(server.url);
    try {
      // As docker-compose.yml runs flowgen, for 30 minutes of history and a few seconds live.
      const args = ['--sink', 'clickhouse', '--url', server.url, '--rate', '20', '--history', '30m', '--count', '40'];
      const audit = ['--audit-url', `http://127.0.0.1:${ingest.service.httpPort}/v1/audit`];
      const run = await promisify(execFile)(process.execPath, flowgenNodeArgs([...args, ...audit]), {
        env: { ...process.env, CLICKHOUSE_URL: '', FLOWLENS_INGEST_TOKEN: token },
      });
      // The history's drop burst starts 20 minutes in, with the operator's patch, and is over 3 minutes later.
      expect(run.stderr).toContain(`flowgen: 2 policy changes sent to ${audit[1]}`);
      const cluster = (await server.query('SELECT any(clusterUUID) FROM flows FORMAT TSV')).trim();
      const stored = await server.query(
        `SELECT verb, kind, policyName, userName, responseCode FROM policy_events WHERE clusterUUID = '${cluster}' FORMAT TSV`
      );
      expect(stored).toBe('patch\tClusterNetworkPolicy\tprotect-databases\talice@example.com\t200\n'.repeat(2));
      const [burstStart] = (
        await server.query(`SELECT min(eventTime) FROM policy_events WHERE clusterUUID = '${cluster}' FORMAT TSV`)
      ).split('\n');
      const firstFlow = (await server.query('SELECT min(timeInserted) FROM flows FORMAT TSV')).trim();
      // 20 minutes after the history's start; its first records may come a second or two after that start.
      const sinceFirstFlow = Date.parse(`${burstStart}Z`) - Date.parse(`${firstFlow}Z`);
      expect(sinceFirstFlow).toBeGreaterThanOrEqual((20 * 60 - 10) * 1000);
      expect(sinceFirstFlow).toBeLessThanOrEqual(20 * 60 * 1000);
    } finally {
      await ingest.close();
    }
  }, 120_000);

  it('says a wrong token was refused, without the token', async () => {
    const ingest = await startHarness(server.url);
    const stop = new AbortController();
    const logs: string[] = [];
    const wrong = 'not-the-token-4d1e';
    const sending = sendLivePolicyChanges({
      url: `http://127.0.0.1:${ingest.service.httpPort}/v1/audit`,
      token: wrong,
      seed,
      clusterUUID: `${clusterUUID}-refused`,
      rangeStart,
      signal: stop.signal,
      log: (line) => logs.push(line),
      clock: () => (firstPatch + 1) * 1000,
      tickMilliseconds: 50,
    });
    try {
      await eventually(
        'a note that sending fails',
        async () => logs.length,
        (count) => count > 0
      );
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain('HTTP 401');
      expect(logs[0]).toContain('is FLOWLENS_INGEST_TOKEN the one flowlens-ingest has?');
      expect(logs.join('\n')).not.toContain(wrong);
    } finally {
      stop.abort();
      await sending;
      await ingest.close();
    }
  }, 60_000);
});
