import { describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../../backend/src/sql/clickhouseDialect.ts';
import { compileFlowsQuery } from '../../backend/src/sql/flowsBuilder.ts';
import { expandMacros } from '../../backend/src/sql/macroExpander.ts';
import { defaultBuilderQuery } from '../builder/builderQuery';
import { flowColumns } from '@flowlens/flow-schema';
import { columnValuesSql } from './columnValuesSql';
import { defaultSql, defaultVariableBuilderQuery, droppedFlowsAnnotationSql } from './defaultQueries';
import { exampleQueries } from './exampleQueries';

/**
 * Every query the editors write for the user goes through the backend's own compiler and macro
 * expander, so none of them can fail with a builder or macro error in a fresh dashboard.
 */
const context = { timeRange: { fromMs: 1_700_000_000_000, toMs: 1_700_003_600_000 }, intervalMs: 60_000 };

describe('queries the editors write', () => {
  it.each([
    ['default SQL', defaultSql],
    ['dropped-flows annotation', droppedFlowsAnnotationSql],
    ...flowColumns
      .filter((column) => column.kind !== 'time')
      .map((column) => [`values of ${column.name}`, columnValuesSql(column)]),
    ...exampleQueries
      .filter((example) => example.query.rawSql)
      .map((example) => [example.title, example.query.rawSql!]),
  ])('%s expands', (_name, sql) => {
    const expanded = expandMacros(sql, clickhouseDialect, context);
    expect(expanded).not.toContain('$__');
  });

  it.each([
    ['default builder query', defaultBuilderQuery, 'table'] as const,
    ['default variable query', defaultVariableBuilderQuery, 'table'] as const,
    ...exampleQueries
      .filter((example) => example.query.flows)
      .map((example) => [example.title, example.query.flows!, example.query.format ?? 'table'] as const),
  ])('%s compiles', (_name, flows, format) => {
    const compiled = compileFlowsQuery(flows as unknown as Record<string, unknown>, clickhouseDialect, format);
    expect(expandMacros(compiled.sql, clickhouseDialect, context)).toMatch(/^SELECT /);
  });
});
