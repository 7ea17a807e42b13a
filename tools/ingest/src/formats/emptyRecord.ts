import { flowColumns, type FlowRecord } from '../flowlensFacts.ts';

const template = Object.fromEntries(
  flowColumns.map((column) => [column.name, column.type === 'String' ? '' : 0])
) as unknown as FlowRecord;

/** A flows row with every column at its empty value ('' or 0), to fill in from a source's fields. */
export function emptyRecord(): FlowRecord {
  return { ...template };
}
