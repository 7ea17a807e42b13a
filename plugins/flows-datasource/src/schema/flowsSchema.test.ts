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
  it('lists the columns of the live flows table the backend can filter on, in their canonical spelling', () => {
    const schema = {
      tables: [
        { name: 'other', columns: [{ name: 'egressNodeName', type: 'String' }] },
        {
          name: 'FLOWS',
          columns: [
            { name: 'TIMEINSERTED', type: 'TIMESTAMP_TZ' },
            { name: 'DESTINATIONIP', type: 'TEXT' },
            { name: 'FLOWTYPE', type: 'NUMBER(3,0)' },
            { name: 'extraLabel', type: 'TEXT' },
          ],
        },
      ],
    };
    expect(flowsTable(schema)?.name).toBe('FLOWS');
    // Not time, not a column FlowLens does not know, and not egressNodeName, which only another table has.
    expect(filterKeys(schema)).toEqual([
      { name: 'destinationIP', type: 'TEXT' },
      { name: 'flowType', type: 'NUMBER(3,0)' },
    ]);
    expect(filterKeys({ tables: [] })).toEqual([]);
  });
});
