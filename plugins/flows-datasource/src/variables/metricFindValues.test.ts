import { createDataFrame, FieldType } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { metricFindValues } from './metricFindValues';

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
});
