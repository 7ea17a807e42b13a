import type { Rollup } from '../sql/rollup.ts';
import type { DatasourceInstance } from './datasourceInstances.ts';

/**
 * The rollups a query of this datasource may read: the database's catalog (the engine keeps it for 5
 * minutes), or none when the datasource has "Read per-minute rollups" off or its engine has no rollups
 * (Snowflake).
 */
export async function usableRollups(instance: DatasourceInstance): Promise<readonly Rollup[]> {
  return instance.settings.useRollups ? ((await instance.engine.rollups?.()) ?? []) : [];
}
