import { describe, expect, it } from 'vitest';
import { flowsSchema } from '../test/schemaFixture';
import { sqlCompletions, type CompletionSource } from './sqlCompletions';

const source: CompletionSource = { engine: 'clickhouse', schema: flowsSchema, variables: ['namespace', 'cluster'] };

/** Completes with the cursor at the end of `before` (the whole text unless `after` is given). */
const complete = (before: string, after = '', from: CompletionSource = source) =>
  sqlCompletions(before, before + after, from);
const labels = (before: string, after = '', from: CompletionSource = source) =>
  complete(before, after, from).suggestions.map((suggestion) => suggestion.label);

describe('sqlCompletions', () => {
  it('offers macros and variables after $, replacing what was typed', () => {
    const result = complete('SELECT * FROM flows WHERE $__ti');
    expect(result.replaceLength).toBe(5);
    expect(result.suggestions.map((s) => s.label)).toEqual(
      expect.arrayContaining(['$__timeFilter', '$__conditionalAll', '$namespace'])
    );
    const timeFilter = result.suggestions.find((s) => s.label === '$__timeFilter')!;
    expect(timeFilter).toMatchObject({
      kind: 'macro',
      snippet: true,
      insertText: '\\$__timeFilter(${1:flowEndSeconds})',
    });
    expect(timeFilter.documentation).toContain('WHERE $__timeFilter(flowEndSeconds)');
  });

  it('counts ${ as part of a variable being typed', () => {
    expect(complete('WHERE ns IN (${na').replaceLength).toBe(4);
  });

  it('offers tables after FROM and JOIN, the flows table first', () => {
    const result = complete('SELECT count() FROM fl');
    expect(result.replaceLength).toBe(2);
    expect(result.suggestions.map((s) => [s.label, s.kind, s.sortText])).toEqual([
      ['flows', 'table', '0'],
      ['pods', 'table', '1'],
    ]);
    expect(labels('SELECT 1 FROM flows f JOIN ')).toEqual(['flows', 'pods']);
  });

  it("offers a table's columns after its name or alias and a dot", () => {
    expect(labels('SELECT p.', ' FROM pods AS p')).toEqual(['podName', 'labels']);
    expect(labels('SELECT flows.oct', ' FROM flows')).toContain('octetDeltaCount');
    expect(complete('SELECT flows.oct', ' FROM flows').replaceLength).toBe(3);
    expect(labels('SELECT nothing.', ' FROM flows')).toEqual([]);
  });

  it('offers the columns of the tables the query reads, then functions and keywords', () => {
    const result = complete('SELECT ', ' FROM pods');
    const byKind = (kind: string) => result.suggestions.filter((s) => s.kind === kind).map((s) => s.label);
    expect(byKind('column')).toEqual(['podName', 'labels']);
    expect(byKind('function')).toEqual(expect.arrayContaining(['sum', 'uniq']));
    expect(byKind('keyword')).toContain('GROUP BY');
  });

  it('offers the flows columns before a FROM is written, with their meaning', () => {
    const flowType = complete('SELECT flowT').suggestions.find((s) => s.label === 'flowType')!;
    expect(flowType).toMatchObject({ kind: 'column', detail: 'UInt8 · flows' });
    expect(flowType.documentation).toContain('3 To external');
  });

  it('offers only time columns inside a time macro', () => {
    expect(labels('SELECT 1 FROM flows WHERE $__timeFilter(')).toEqual(['flowEndSeconds']);
    expect(labels('SELECT $__timeGroup(flow', ", '5m') FROM flows")).toEqual(['flowEndSeconds']);
  });

  it('names Snowflake columns in their canonical spelling and offers Snowflake functions', () => {
    const snowflake: CompletionSource = {
      engine: 'snowflake',
      variables: [],
      schema: { tables: [{ name: 'FLOWS', columns: [{ name: 'SOURCEPODNAME', type: 'TEXT' }] }] },
    };
    const result = complete('SELECT ', ' FROM FLOWS', snowflake);
    expect(result.suggestions.filter((s) => s.kind === 'column').map((s) => s.label)).toEqual(['sourcePodName']);
    const functions = result.suggestions.filter((s) => s.kind === 'function').map((s) => s.label);
    expect(functions).toContain('date_trunc');
    expect(functions).not.toContain('uniq');
  });

  it('still offers keywords and macros without a schema', () => {
    expect(labels('SEL', '', { ...source, schema: undefined })).toContain('SELECT');
    expect(labels('$', '', { ...source, schema: undefined })).toContain('$__interval_s');
  });
});
