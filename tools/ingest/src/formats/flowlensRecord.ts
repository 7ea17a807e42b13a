import { compileObjectBuilder, compileValuesReader } from '@flowlens/flowgen';
import { flowColumns, type FlowRecord } from '../flowlensFacts.ts';
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

const names = flowColumns.map((column) => column.name);
// Every line's values are read by name into one array, checked by position, and built into a record:
// compiled from the column list, since a loop reading line[name] was a fifth of the service's time.
const readColumns = compileValuesReader<unknown[]>(names);
const buildRecord = compileObjectBuilder<FlowRecord>(names);
const values: unknown[] = new Array(names.length);

export function flowlensRecord(line: Json): FlowRecord {
  readColumns(line, values);
  for (let i = 0; i < flowColumns.length; i++) {
    const column = flowColumns[i]!;
    const value = values[i];
    if (value === undefined || value === null) {
      values[i] = column.type === 'String' ? '' : 0;
    } else if (column.type === 'String') {
      if (typeof value !== 'string') throw new FieldError('invalid-field', `${column.name} is not a string`);
    } else if (column.type === 'DateTime') {
      values[i] = secondsFromTimestamp(value, column.name);
    } else {
      const max = maxOf[column.type];
      // The common case inline; unsignedAt takes numeric strings and words the error.
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
        values[i] = unsignedAt(line, column.name, '', max);
      }
    }
  }
  const record = buildRecord(values);
  if (record.sourceIP === '' || record.destinationIP === '') {
    throw new FieldError('missing-field', 'sourceIP and destinationIP must not be empty');
  }
  return record;
}
