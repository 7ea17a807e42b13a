import { describe, expect, it } from 'vitest';
import { fakeTemplateSrv } from '@flowlens/testkit/templateSrv';
import type { FlowsFilter } from '../types';
import { interpolateFilters } from './builderFilterValues';

const templateSrv = fakeTemplateSrv([
  { name: 'ns', value: ['web', 'db'], options: ['web', 'db', 'ops'], multi: true, includeAll: true },
  { name: 'one', value: ["it's"], multi: true },
  { name: 'env', value: 'prod' },
  { name: 'all', value: '$__all', options: ['a', 'b'], multi: true, includeAll: true },
  { name: 'none', value: [], multi: true },
  { name: 'box', value: '' },
  { name: 'custom', value: '$__all', options: ['a'], includeAll: true, allValue: '.*' },
]);

const run = (filter: FlowsFilter, scopedVars = {}) => interpolateFilters([filter], { templateSrv, scopedVars });

describe('builder filter values', () => {
  it('turn a multi-value variable into its values, and = into in', () => {
    expect(run({ key: 'sourceNamespace', operator: '=', value: '$ns' })).toEqual([
      { key: 'sourceNamespace', operator: 'in', value: ['web', 'db'] },
    ]);
    expect(run({ key: 'sourceNamespace', operator: '!=', value: '${ns}' })).toEqual([
      { key: 'sourceNamespace', operator: 'not in', value: ['web', 'db'] },
    ]);
  });

  it('keep a single selection a single value, unquoted', () => {
    expect(run({ key: 'sourceNamespace', operator: '=', value: '$one' })).toEqual([
      { key: 'sourceNamespace', operator: '=', value: "it's" },
    ]);
  });

  it('merge variables and literals in a list', () => {
    expect(run({ key: 'sourceNamespace', operator: 'in', value: ['$ns', 'kube-system'] })).toEqual([
      { key: 'sourceNamespace', operator: 'in', value: ['web', 'db', 'kube-system'] },
    ]);
  });

  it('keep an empty selection a valid, empty list', () => {
    expect(run({ key: 'sourceNamespace', operator: '=', value: '$none' })).toEqual([
      { key: 'sourceNamespace', operator: 'in', value: [] },
    ]);
  });

  it('drop a positive filter on a variable set to All', () => {
    for (const operator of ['=', 'in', '=~'] as const) {
      expect(run({ key: 'cluster', operator, value: '$all' })).toEqual([]);
    }
  });

  it('drop a positive filter on a text box left empty, and keep a negative one', () => {
    for (const operator of ['=', 'in', '=~'] as const) {
      expect(run({ key: 'pod', operator, value: '$box' })).toEqual([]);
    }
    expect(run({ key: 'pod', operator: '!=', value: '$box' })).toEqual([{ key: 'pod', operator: '!=', value: '' }]);
    // Typed as a literal, an empty value is a condition.
    expect(run({ key: 'pod', operator: '=', value: '' })).toEqual([{ key: 'pod', operator: '=', value: '' }]);
  });

  it('expand All to every value for negative filters', () => {
    expect(run({ key: 'cluster', operator: 'not in', value: ['$all'] })).toEqual([
      { key: 'cluster', operator: 'not in', value: ['a', 'b'] },
    ]);
  });

  it('use a custom All value as given', () => {
    expect(run({ key: 'sourceIP', operator: '!~', value: '$custom' })).toEqual([
      { key: 'sourceIP', operator: '!~', value: '.*' },
    ]);
  });

  it('honour an explicit format and text around a variable', () => {
    expect(run({ key: 'sourcePod', operator: '=~', value: '${ns:regex}' })).toEqual([
      { key: 'sourcePod', operator: '=~', value: '(web|db)' },
    ]);
    expect(run({ key: 'sourcePod', operator: '=', value: '$env/api' })).toEqual([
      { key: 'sourcePod', operator: '=', value: 'prod/api' },
    ]);
  });

  it("prefer a repeated panel's own value", () => {
    expect(run({ key: 'sourceNamespace', operator: '=', value: '$ns' }, { ns: { text: 'ops', value: 'ops' } })).toEqual(
      [{ key: 'sourceNamespace', operator: '=', value: 'ops' }]
    );
  });

  it('leave out rows without a field and keep unknown variables as text', () => {
    expect(
      interpolateFilters(
        [
          { key: '', operator: '=', value: 'x' },
          { key: 'sourceIP', operator: '=', value: '$missing' },
        ],
        { templateSrv, scopedVars: {} }
      )
    ).toEqual([{ key: 'sourceIP', operator: '=', value: '$missing' }]);
  });
});
