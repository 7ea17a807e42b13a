import { describe, expect, it } from 'vitest';
import { fakeTemplateSrv } from '@flowlens/testkit/templateSrv';
import { sqlVariableFormat } from './sqlVariableFormat';

describe('sqlVariableFormat through interpolation', () => {
  const templateSrv = fakeTemplateSrv([
    { name: 'ns', value: ["it's", 'a\\b'], multi: true },
    { name: 'single', value: "o'hara" },
    { name: 'withAll', value: 'web', includeAll: true },
    { name: 'all', value: '$__all', options: ['x', 'y'], includeAll: true, multi: true },
  ]);
  const replace = (sql: string, engine: 'clickhouse' | 'snowflake') =>
    templateSrv.replace(sql, {}, sqlVariableFormat(engine));

  it.each([
    ['clickhouse', 'ns IN ($ns)', "ns IN ('it\\'s','a\\\\b')"],
    ['snowflake', 'ns IN ($ns)', "ns IN ('it''s','a\\\\b')"],
    ['clickhouse', "ns = '$single'", "ns = 'o\\'hara'"],
    ['snowflake', "ns = '$single'", "ns = 'o''hara'"],
    ['clickhouse', 'ns = $withAll', "ns = 'web'"],
    ['snowflake', 'ns IN ($all)', "ns IN ('x','y')"],
    ['clickhouse', 'ns IN (${ns:csv})', "ns IN (it's,a\\b)"],
  ] as const)('%s: %s', (engine, sql, expected) => {
    expect(replace(sql, engine)).toBe(expected);
  });

  it('writes numbers as they are', () => {
    expect(sqlVariableFormat('clickhouse')(42)).toBe('42');
  });
});
