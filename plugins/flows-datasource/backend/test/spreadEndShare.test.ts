import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../src/sql/clickhouseDialect.ts';
import type { MacroContext } from '../src/sql/dialect.ts';
import { expandMacros } from '../src/sql/macroExpander.ts';

/**
 * $__spreadEndShare summed per end bucket, with the rest moved to the bucket before, must give every
 * bucket what $__spreadJoin gives it: the anomaly detector relies on it instead of the join.
 */
const startS = 1_704_067_200;
let dir: string;
let session: Session;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-spread-end-share-'));
  session = new Session(dir);
  session.query(
    'CREATE TABLE flows (flowStartSeconds DateTime, flowEndSeconds DateTime, octetDeltaCount UInt64) ENGINE = MergeTree ORDER BY flowEndSeconds'
  );
  // Short and long connections, records on bucket edges, zero bytes, and a start after the end.
  session.query(`INSERT INTO flows SELECT
      toDateTime(${startS} + (number * 7919) % 7200 - (number % 5) * (number % 97)),
      toDateTime(${startS} + (number * 7919) % 7200),
      (number * 104729) % 100000
    FROM numbers(20000)`);
  session.query(`INSERT INTO flows VALUES
    (${startS + 600}, ${startS + 600}, 10), (${startS + 650}, ${startS + 600}, 20), (${startS + 540}, ${startS + 600}, 0),
    (${startS}, ${startS + 1260}, 60), (${startS + 1199}, ${startS + 1201}, 7)`);
});

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (sql: string, context: MacroContext) =>
  new Map(
    session
      .query(expandMacros(sql, clickhouseDialect, context), 'TSV')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'))
      .map(([time, value]) => [Number(time), Number(value)] as const)
  );

describe('$__spreadEndShare', () => {
  it.each([
    [60, 60],
    [300, 60],
    [600, 300],
    [3600, 300],
  ])(
    'per %i s bucket, export interval %i s, gives each bucket the bytes $__spreadJoin gives it',
    (bucket, exportInterval) => {
      const context: MacroContext = {
        timeRange: { fromMs: (startS + 1000) * 1000, toMs: (startS + 6000) * 1000 },
        intervalMs: bucket * 1000,
        exportIntervalSeconds: exportInterval,
      };
      const joined = rows(
        `SELECT toUnixTimestamp($__spreadTime), sum(octetDeltaCount * $__spreadShare)
       FROM flows $__spreadJoin WHERE $__spreadFilter GROUP BY $__spreadTime`,
        context
      );
      const firstS = Math.floor(startS + 1000 - ((startS + 1000) % bucket));
      const lastS = Math.floor(startS + 6000 - ((startS + 6000) % bucket));
      // The records $__spreadFilter keeps: ending from the first bucket to one export interval after the last.
      const summed = new Map<number, number>();
      const add = (time: number, value: number) => {
        if (time >= firstS && time <= lastS) summed.set(time, (summed.get(time) ?? 0) + value);
      };
      const parts = session
        .query(
          expandMacros(
            `SELECT toUnixTimestamp($__timeInterval(flowEndSeconds)), sum(octetDeltaCount * $__spreadEndShare),
             sum(octetDeltaCount * (1 - $__spreadEndShare)), max(CASE WHEN $__spreadEndShare < 1 THEN 1 ELSE 0 END)
           FROM flows WHERE flowEndSeconds >= toDateTime(${firstS}) AND flowEndSeconds < toDateTime(${lastS + bucket + exportInterval})
           GROUP BY $__timeInterval(flowEndSeconds)`,
            clickhouseDialect,
            context
          ),
          'TSV'
        )
        .trim()
        .split('\n')
        .map((line) => line.split('\t').map(Number));
      for (const [time, inBucket, before, reachesBefore] of parts) {
        add(time!, inBucket!);
        if (reachesBefore) add(time! - bucket, before!);
      }
      expect([...summed.keys()].sort()).toEqual([...joined.keys()].sort());
      for (const [time, value] of joined) expect(summed.get(time)).toBeCloseTo(value, 6);
    }
  );
});
