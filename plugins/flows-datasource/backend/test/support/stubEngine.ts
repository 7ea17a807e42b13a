import type { EngineHealth, FlowsEngine, QueryOptions, QueryResult, TableSchema } from '../../src/engines/engine.ts';
import { EngineError } from '../../src/engines/engineError.ts';
import { float64Vector, stringVector } from '../../src/frames/fieldVectors.ts';
import { clickhouseDialect } from '../../src/sql/clickhouseDialect.ts';
import type { TimeRange } from '../../src/timeRange.ts';

/**
 * An engine that answers from memory, for handler tests without a database or a socket: every query
 * returns one row (`pod` "web", `bytes` 42) unless its SQL contains `FAIL`, and records what it ran.
 */
export class StubEngine implements FlowsEngine {
  readonly dialect = clickhouseDialect;
  readonly queries: string[] = [];
  readonly valueCalls: Array<{ column: string; limit: number; timeRange?: TimeRange }> = [];
  closed = false;

  constructor(
    private readonly tables: TableSchema[] = [
      {
        name: 'flows',
        columns: [
          { name: 'sourcePodName', type: 'String' },
          { name: 'flowEndSeconds', type: 'DateTime' },
        ],
      },
    ]
  ) {}

  async query(sql: string, _options: QueryOptions): Promise<QueryResult> {
    this.queries.push(sql);
    if (sql.includes('FAIL')) {
      throw new EngineError('query', 'the stub was told to fail');
    }
    return {
      fields: [
        { name: 'pod', kind: 'string', values: stringVector(['web']) },
        { name: 'bytes', kind: 'number', values: float64Vector([42]) },
      ],
      rowCount: 1,
      truncated: false,
    };
  }

  async health(_signal: AbortSignal): Promise<EngineHealth> {
    return {
      engine: 'ClickHouse',
      version: '26.1',
      location: 'http://stub:8123',
      database: 'default',
      flows: { exists: true, rowCount: '1200', newestFlowMs: Date.parse('2025-01-06T10:00:00Z') },
    };
  }

  async schema(_signal: AbortSignal): Promise<TableSchema[]> {
    return this.tables;
  }

  async distinctValues(column: string, limit: number, _signal: AbortSignal, timeRange?: TimeRange): Promise<string[]> {
    this.valueCalls.push({ column, limit, timeRange });
    return ['web', 'db'];
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
