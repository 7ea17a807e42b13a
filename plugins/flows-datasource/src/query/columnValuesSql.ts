import type { FlowColumn } from '@flowlens/flow-schema';

/** A variable query listing a column's values seen in the time range (portable SQL). */
export function columnValuesSql(column: FlowColumn): string {
  const notEmpty = column.kind === 'string' ? ` AND ${column.name} != ''` : '';
  return `SELECT DISTINCT ${column.name}
FROM flows
WHERE $__timeFilter(flowEndSeconds)${notEmpty}
ORDER BY ${column.name}
LIMIT 1000`;
}
