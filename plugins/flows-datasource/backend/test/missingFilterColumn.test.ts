import { describe, expect, it } from 'vitest';
import { EngineError } from '../src/engines/engineError.ts';
import { missingFilterColumn } from '../src/handlers/missingFilterColumn.ts';

const filters = [
  { key: 'sourcePodName', operator: '!=', value: 'x' },
  { key: 'egressNodeName', operator: '=', value: 'node-1' },
];
const named = /^ad-hoc filter "egressNodeName": the flows table in this database has no column egressNodeName\./;

/** The engines' own words (as EngineError wraps them) for a column the table lacks. */
describe('a missing column that an ad-hoc filter names', () => {
  it.each([
    // chDB (ClickHouse 26.7), seen in adHocFilterColumns.test.ts
    "ClickHouse error 47: Unknown expression or function identifier `egressNodeName` in scope SELECT * FROM flows WHERE egressNodeName != 'node-1'.",
    // ClickHouse 24+ when the column is selected rather than called
    'ClickHouse error 47: Unknown expression identifier `egressNodeName` in scope SELECT egressNodeName FROM flows.',
    // clickhouse-server 18.16, seen in adHocFilterColumns.test.ts
    'ClickHouse error 47: Unknown identifier: egressNodeName',
    // ClickHouse 20 to 23: the missing list, then every required column
    "ClickHouse error 47: Missing columns: 'egressNodeName' while processing query: 'SELECT count() FROM flows WHERE egressNodeName = 'node-1'', required columns: 'egressNodeName' 'sourcePodName'",
    // Snowflake
    "Snowflake error 000904 (42000): SQL compilation error: error line 1 at position 58 invalid identifier 'EGRESSNODENAME'",
    // fakesnow (DuckDB), seen in adHocFilterColumns.test.ts
    'Snowflake error 002043 (02000): Binder Error: Referenced column "EGRESSNODENAME" not found in FROM clause!',
  ])('%s', (message) => {
    expect(missingFilterColumn(new EngineError('query', message), filters)).toMatch(named);
  });

  it('names the first filter among several missing columns', () => {
    const message = "ClickHouse error 47: Missing columns: 'appProtocolName' 'egressNodeName' while processing query";
    const both = [...filters, { key: 'appProtocolName', operator: '=', value: 'http' }];
    expect(missingFilterColumn(new EngineError('query', message), both)).toMatch(/^ad-hoc filter "egressNodeName"/);
  });
});

describe('other errors stay as the database gave them', () => {
  it.each([
    // The query's own column is missing; ClickHouse quotes the whole query, filters included.
    "ClickHouse error 47: Unknown expression identifier `nosuchcolumn` in scope SELECT nosuchcolumn FROM (SELECT * FROM flows WHERE sourcePodName != 'x') AS flows.",
    "ClickHouse error 47: Missing columns: 'nosuchcolumn' while processing query: 'SELECT nosuchcolumn FROM flows', required columns: 'nosuchcolumn' 'egressNodeName'",
    // Not about a missing column at all
    "ClickHouse error 6: Cannot parse string 'node-1' as UInt8: syntax error at begin of string. egressNodeName",
    "Snowflake error 100038 (22018): Numeric value 'egressNodeName' is not recognized",
  ])('%s', (message) => {
    expect(missingFilterColumn(new EngineError('query', message), filters)).toBeUndefined();
  });

  it('when the query has no ad-hoc filters, or the error is not a query error', () => {
    const message = 'ClickHouse error 47: Unknown identifier: egressNodeName';
    expect(missingFilterColumn(new EngineError('query', message), [])).toBeUndefined();
    expect(missingFilterColumn(new EngineError('connection', message), filters)).toBeUndefined();
    expect(missingFilterColumn(new Error(message), filters)).toBeUndefined();
  });
});
