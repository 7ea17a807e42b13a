/**
 * The traffic every backend-fed panel shows: one hour of flowgen's demo cluster in chDB (ClickHouse 26.x
 * engine) behind the ClickHouse HTTP fixture, the same data the dashboard query tests use.
 */
import { loadIntoChdb } from '@flowlens/flowgen';
import { startModernClickHouse } from '../../plugins/flows-datasource/backend/test/support/engines.ts';

/**
 * A weekday morning. flowgen's drop burst starts 20 minutes after the load's start, so loading from
 * 08:40 puts it at 09:00, the start of the hour the dashboards ask about.
 */
export const flowgenHour = {
  loadFrom: '2025-01-06T08:40:00Z',
  from: '2025-01-06T09:00:00Z',
  to: '2025-01-06T10:00:00Z',
  /** Half of flowgen's traffic: every conversation is there, at half the connection rate, for speed. */
  scale: 0.5,
} as const;

export interface FlowgenClickHouse {
  /** ClickHouse HTTP URL the backend connects to. */
  url: string;
  rows: number;
  close(): Promise<void>;
}

export async function startFlowgenClickHouse(): Promise<FlowgenClickHouse> {
  const clickhouse = await startModernClickHouse();
  try {
    const load = await loadIntoChdb(clickhouse.session, {
      from: flowgenHour.loadFrom,
      to: flowgenHour.to,
      scale: flowgenHour.scale,
    });
    return { url: clickhouse.url, rows: load.rows, close: () => clickhouse.close() };
  } catch (error) {
    await clickhouse.close();
    throw error;
  }
}
