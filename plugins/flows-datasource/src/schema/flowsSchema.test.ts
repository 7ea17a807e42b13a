import { describe, expect, it } from 'vitest';
import { filterKeys, flowsTable, kindOfType } from './flowsSchema';

describe('kindOfType', () => {
  it.each([
    ['DateTime', 'time'],
    ["DateTime64(3, 'UTC')", 'time'],
    ['Nullable(Date)', 'time'],
    ['TIMESTAMP_TZ', 'time'],
    ['UInt64', 'number'],
    ['LowCardinality(Nullable(Float64))', 'number'],
    ['NUMBER(20,0)', 'number'],
    ['Decimal(10, 2)', 'number'],
    ['String', 'string'],
    ['LowCardinality(String)', 'string'],
    ['TEXT', 'string'],
    ['Array(String)', 'string'],
  ] as const)('%s is %s', (type, kind) => {
    expect(kindOfType(type)).toBe(kind);
  });
});

describe('filterKeys', () => {
  it('lists the flows table without time columns, keeping unknown extra columns by type', () => {
    const schema = {
      tables: [
        { name: 'other', columns: [{ name: 'x', type: 'String' }] },
        {
          name: 'FLOWS',
          columns: [
            { name: 'TIMEINSERTED', type: 'TIMESTAMP_TZ' },
            { name: 'DESTINATIONIP', type: 'TEXT' },
            { name: 'extraLabel', type: 'TEXT' },
            { name: 'extraTime', type: 'DATE' },
          ],
        },
      ],
    };
    expect(flowsTable(schema)?.name).toBe('FLOWS');
    expect(filterKeys(schema)).toEqual([
      { name: 'destinationIP', type: 'TEXT' },
      { name: 'extraLabel', type: 'TEXT' },
    ]);
    expect(filterKeys({ tables: [] })).toEqual([]);
  });
});
