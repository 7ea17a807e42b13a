import { describe, expect, it } from 'vitest';
import { toQueryFilters } from './adHocFilters';

describe('toQueryFilters', () => {
  it('names multi-value operators as the backend does and keeps values as text', () => {
    expect(
      toQueryFilters([
        { key: 'sourcePodNamespace', operator: '=', value: "o'hara" },
        { key: 'flowType', operator: '=|', value: '1', values: ['1', '2'] },
        { key: 'destinationIP', operator: '!=|', value: '10.0.0.1', values: ['10.0.0.1'] },
        { key: 'sourcePodName', operator: '=~', value: 'api-.*' },
        { key: '', operator: '=', value: 'incomplete' },
      ])
    ).toEqual([
      { key: 'sourcePodNamespace', operator: '=', value: "o'hara" },
      { key: 'flowType', operator: 'in', value: ['1', '2'] },
      { key: 'destinationIP', operator: 'not in', value: ['10.0.0.1'] },
      { key: 'sourcePodName', operator: '=~', value: 'api-.*' },
    ]);
  });

  it('is empty without filters', () => {
    expect(toQueryFilters(undefined)).toEqual([]);
  });
});
