import { afterAll, beforeAll, expect } from 'vitest';
import { loadIntoChdb, loadIntoClickHouse } from '@flowlens/flowgen';
import type { ClickHouseEngine } from '../../src/engines/clickhouse/clickhouseEngine.ts';
import type { Rollup } from '../../src/sql/rollup.ts';
import { engineFor, startLegacyClickHouse, startModernClickHouse } from './engines.ts';

/** flowgen's records of one hour, which tests of rolled-up answers load into both servers. */
export const rolledUpHour = { from: '2025-01-06T09:00:00Z', to: '2025-01-06T10:00:00Z', scale: 0.5 } as const;

/** Both ClickHouse servers, each started and loaded with `rolledUpHour` (provisioning's schema, rollup included). */
export const rolledUpServers: ReadonlyArray<[string, () => Promise<{ url: string; close(): Promise<void> }>]> = [
  [
    'chDB (ClickHouse 26)',
    async () => {
      const modern = await startModernClickHouse();
      await loadIntoChdb(modern.session, rolledUpHour);
      return modern;
    },
  ],
  [
    "Debian's clickhouse-server 18.16",
    async () => {
      const legacy = await startLegacyClickHouse();
      await loadIntoClickHouse({ url: legacy.url, applySchema: true, ...rolledUpHour });
      return legacy;
    },
  ],
];

/**
 * Inside a describe: starts the server before its tests and stops it after them, with an engine on it
 * and the rollups its catalog names (which must be flows_minutes alone).
 */
export function useRolledUpServer(start: () => Promise<{ url: string; close(): Promise<void> }>) {
  const state: { engine?: ClickHouseEngine; rollups: Rollup[]; url?: string; close?: () => Promise<void> } = {
    rollups: [],
  };
  beforeAll(async () => {
    const started = await start();
    state.url = started.url;
    state.close = () => started.close();
    state.engine = engineFor(started.url);
    state.rollups = [...((await state.engine.rollups()) ?? [])];
    expect(state.rollups.map((rollup) => rollup.table)).toEqual(['flows_minutes']);
  }, 300_000);
  afterAll(async () => {
    await state.engine?.close();
    await state.close?.();
  });
  return {
    /** The server's HTTP address, for what the engine does not do (inserts). */
    url: () => state.url!,
    engine: () => state.engine!,
    rollups: () => state.rollups,
  };
}
