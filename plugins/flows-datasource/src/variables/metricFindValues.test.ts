import { createDataFrame, FieldType } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { metricFindValues, variableGroupBy } from './metricFindValues';

describe('metricFindValues', () => {
  it('uses the first column as value and the second as text', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'uid', type: FieldType.string, values: ['a1', 'b2'] },
        { name: 'name', type: FieldType.string, values: ['Alpha', 'Beta'] },
        { name: 'ignored', type: FieldType.string, values: ['x', 'y'] },
      ],
    });
    expect(metricFindValues([frame])).toEqual([
      { value: 'a1', text: 'Alpha' },
      { value: 'b2', text: 'Beta' },
    ]);
  });

  it('uses the value as text when there is one column, and skips empty cells', () => {
    const frame = createDataFrame({ fields: [{ name: 'port', type: FieldType.number, values: [443, null, 53] }] });
    expect(metricFindValues([frame])).toEqual([
      { value: '443', text: '443' },
      { value: '53', text: '53' },
    ]);
  });

  it('reads the first frame that has columns', () => {
    const empty = createDataFrame({ fields: [] });
    const frame = createDataFrame({ fields: [{ name: 'ns', type: FieldType.string, values: ['web'] }] });
    expect(metricFindValues([empty, frame])).toEqual([{ value: 'web', text: 'web' }]);
    expect(metricFindValues([])).toEqual([]);
  });

  it("takes a builder question's values from every group-by column, once each, skipping empty ones", () => {
    const frame = createDataFrame({
      fields: [
        { name: 'sourceNamespace', type: FieldType.string, values: ['web', 'db', '', 'web'] },
        { name: 'destinationNamespace', type: FieldType.string, values: ['db', 'cache', 'web', null] },
        { name: 'flowRecords', type: FieldType.number, values: [90, 50, 20, 5] },
      ],
    });
    expect(metricFindValues([frame], ['sourceNamespace', 'destinationNamespace'])).toEqual([
      { value: 'web', text: 'web' },
      { value: 'db', text: 'db' },
      { value: 'cache', text: 'cache' },
    ]);
    // The metric never becomes a value or a text, and a question without groups gives no values.
    expect(metricFindValues([frame], [])).toEqual([]);
    expect(() => metricFindValues([frame], ['cluster'])).toThrow('no "cluster" column');
  });

  it('reads the group-by fields of builder queries only', () => {
    expect(
      variableGroupBy({
        refId: 'A',
        queryType: 'flows',
        flows: { version: 1, view: 'all', metric: 'bytes', groupBy: ['cluster'], filters: [] },
      })
    ).toEqual(['cluster']);
    expect(variableGroupBy({ refId: 'A', queryType: 'flows' })).toEqual([]);
    expect(variableGroupBy({ refId: 'A', queryType: 'sql', rawSql: 'SELECT 1' })).toBeUndefined();
  });
});
