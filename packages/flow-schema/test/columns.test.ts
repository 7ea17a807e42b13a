import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnKind, flowColumnKinds, flowColumns, knownFlowColumn } from '../src/index.ts';

const provisioning = new URL('../../../provisioning/', import.meta.url);
const sqlFile = (path: string) => readFileSync(new URL(path, provisioning), 'utf8');

/** `name Type` lines of the first CREATE TABLE in a schema file, in order. */
function createTableColumns(sql: string): Array<[string, string]> {
  const create = sql.indexOf('CREATE TABLE');
  const body = sql.slice(sql.indexOf('(', create), sql.indexOf('\n)', create));
  return [...body.matchAll(/^\s+"?([A-Za-z]+)"?\s+([A-Za-z0-9_]+)/gm)].map((match) => [match[1]!, match[2]!]);
}

describe('the flow columns', () => {
  it("are the ClickHouse flows table's columns, in its order and with its types", () => {
    expect(createTableColumns(sqlFile('clickhouse/01-flows.sql'))).toEqual(
      flowColumns.map((column) => [column.name, column.type])
    );
  });

  it("are the Snowflake FLOWS table's columns too, whatever their order there", () => {
    const snowflake = createTableColumns(sqlFile('snowflake/01-flows.sql')).map(([name]) => name.toLowerCase());
    expect([...snowflake].sort()).toEqual(flowColumns.map((column) => column.name.toLowerCase()).sort());
  });

  it('give each column a kind from its type, and find it whatever its case', () => {
    expect(columnKind('DateTime')).toBe('time');
    expect(columnKind('UInt64')).toBe('number');
    expect(columnKind('String')).toBe('string');
    expect(flowColumnKinds.get('flowEndSeconds')).toBe('time');
    expect(flowColumnKinds.get('FLOWENDSECONDS')).toBeUndefined();
    expect(knownFlowColumn('INGRESSNETWORKPOLICYRULEACTION')?.meaning).toBe('0 No policy, 1 Allow, 2 Drop, 3 Reject');
  });
});
