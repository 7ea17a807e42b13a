import { flowColumns, type FlowRecord } from '../flowlensFacts.ts';
import { emptyRecord } from './emptyRecord.ts';
import { maxUInt16, maxUInt64, maxUInt8, secondsFromTimestamp, unsignedAt, type Json } from './fields.ts';
import { FieldError } from './outcome.ts';

const maxOf = { UInt8: maxUInt8, UInt16: maxUInt16, UInt64: maxUInt64 } as const;

/**
 * A FlowLens/Antrea record: the flows columns as JSON keys (flowgen's NDJSON, or a JSONEachRow
 * export). Times as unix seconds or timestamps; keys that are not flows columns are ignored.
 */
export function looksLikeFlowlensRecord(line: Json): boolean {
  return 'flowEndSeconds' in line && 'sourceIP' in line;
}

// The columns by type, each list read in its own loop: one branch per list instead of per column.
const stringColumns = flowColumns.filter((column) => column.type === 'String').map((column) => column.name);
const timeColumns = flowColumns.filter((column) => column.type === 'DateTime').map((column) => column.name);
const numberColumns = flowColumns.flatMap((column) =>
  column.type === 'String' || column.type === 'DateTime' ? [] : [{ name: column.name, max: maxOf[column.type] }]
);

export function flowlensRecord(line: Json): FlowRecord {
  const record = emptyRecord() as unknown as Record<string, string | number>;
  for (const name of stringColumns) {
    const value = line[name];
    if (typeof value === 'string') record[name] = value;
    else if (value !== undefined && value !== null) throw new FieldError('invalid-field', `${name} is not a string`);
  }
  for (const name of timeColumns) {
    const value = line[name];
    if (value !== undefined && value !== null) record[name] = secondsFromTimestamp(value, name);
  }
  for (const { name, max } of numberColumns) {
    const value = line[name];
    if (value !== undefined && value !== null) record[name] = unsignedAt(line, name, '', max);
  }
  if (record.sourceIP === '' || record.destinationIP === '') {
    throw new FieldError('missing-field', 'sourceIP and destinationIP must not be empty');
  }
  return record as unknown as FlowRecord;
}
