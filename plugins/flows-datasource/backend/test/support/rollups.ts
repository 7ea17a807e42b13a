import { rollupColumns, type Rollup } from '../../src/sql/rollup.ts';

/**
 * The rollup 05-flows-rollups.sql makes today, as the catalog describes it: every column, connection
 * ids holding their start minute as plain arrays, on a server with UInt128, covering every record. Tests of which
 * table a question reads start from it and take away what an older rollup lacks.
 */
export const currentRollup: Rollup = {
  table: 'flows_minutes',
  exportIntervalSeconds: 60,
  coveredFromSeconds: 0,
  connectionIds: 'startMinute',
  connectionIdStates: false,
  uint128: true,
  columns: rollupColumns,
};
