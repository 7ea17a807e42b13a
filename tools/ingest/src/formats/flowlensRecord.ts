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

export function flowlensRecord(line: Json): FlowRecord {
  const record = emptyRecord() as unknown as Record<string, string | number>;
  for (const column of flowColumns) {
    const value = line[column.name];
    if (value === undefined || value === null) continue;
    if (column.type === 'String') {
      if (typeof value !== 'string') throw new FieldError('invalid-field', `${column.name} is not a string`);
      record[column.name] = value;
    } else if (column.type === 'DateTime') {
      record[column.name] = secondsFromTimestamp(value, column.name);
    } else {
      record[column.name] = unsignedAt(line, column.name, '', maxOf[column.type]);
    }
  }
  if (record.sourceIP === '' || record.destinationIP === '') {
    throw new FieldError('missing-field', 'sourceIP and destinationIP must not be empty');
  }
  return record as unknown as FlowRecord;
}
