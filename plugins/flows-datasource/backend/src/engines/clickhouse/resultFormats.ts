import type { Readable } from 'node:stream';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { makeVector, RecordBatchReader, type Data, type DataType } from 'apache-arrow';
import type { FrameField } from '../../frames/frame.ts';
import type { QueryResult } from '../engine.ts';
import { EngineError } from '../engineError.ts';
import { convertArrowChunk } from './arrowColumns.ts';
import { kindOf, rowBinaryReadable, tabSeparatedReadable, type ClickHouseColumnType } from './clickhouseTypes.ts';
import { vectorsFromDescribe } from './emptyColumns.ts';
import { rowBinaryHeader, tabSeparatedHeader, type FormatHeader } from './formatHeaders.ts';
import { fieldsFromJsonCompact, type JsonCompactResult } from './rowColumns.ts';
import { fieldsFromRowBinary } from './rowBinaryColumns.ts';
import { fieldsFromTabSeparated } from './tabSeparatedColumns.ts';

/**
 * Runs a described SELECT in one of ClickHouse's output formats and reads the answer into frame
 * fields. Kept apart from the engine because it pulls in Arrow: the engine loads it with the first
 * query, so a plugin that only answered health checks never does.
 */
export interface ResultRequest {
  client: ClickHouseClient;
  statement: string;
  queryId: string;
  /** Server limits (readonly, max_result_rows…) the engine chose; the format settings are added here. */
  limits: Record<string, string | number>;
  rowLimit: number;
  serverTimeZone: string;
  signal: AbortSignal;
  /** Stops the query on the server once enough rows have arrived. */
  kill(): void;
}

export interface DescribedColumn {
  name: string;
  typeText: string;
  type: ClickHouseColumnType;
}

/** Settings are sent as URL parameters; some exist only in newer servers, so they are typed loosely here. */
function settings(values: Record<string, string | number>): ClickHouseSettings {
  return values as ClickHouseSettings;
}

/**
 * Runs the statement asking for `format`. A FORMAT clause in the query wins over the asked format,
 * and the readers would misread its bytes, so an answer in another format is refused by name.
 */
async function execIn(
  request: ResultRequest,
  format: string,
  signal: AbortSignal,
  formatSettings: Record<string, string | number> = {}
): Promise<{ stream: Readable }> {
  const result = await request.client.exec({
    query: request.statement,
    query_id: request.queryId,
    abort_signal: signal,
    clickhouse_settings: settings({ ...request.limits, default_format: format, ...formatSettings }),
  });
  const answered = result.response_headers['x-clickhouse-format'];
  if (answered && answered !== format) {
    result.stream.destroy();
    throw new EngineError(
      'query',
      `the query asks for FORMAT ${String(answered)}; remove the FORMAT clause — FlowLens picks the format itself.`
    );
  }
  return result;
}

/** ClickHouse 23.x+: ArrowStream, relabelled for Grafana column by column. */
export async function readArrow(request: ResultRequest, columns: DescribedColumn[]): Promise<QueryResult> {
  const { signal, rowLimit } = request;
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await execIn(request, 'ArrowStream', stop.signal, {
      output_format_arrow_compression_method: 'none',
      output_format_arrow_string_as_string: 1,
      output_format_arrow_low_cardinality_as_dictionary: 0,
      output_format_arrow_fixed_string_as_fixed_byte_array: 1,
    });
    const chunks: Array<Array<Data<DataType>>> = columns.map(() => []);
    let rowCount = 0;
    let truncated = false;
    const body = responseChunks(result.stream as Readable);
    const reader = await RecordBatchReader.from(body.chunks);
    for await (const batch of reader) {
      let batchRows = batch.numRows;
      if (rowCount + batchRows > rowLimit) {
        batchRows = rowLimit - rowCount;
        truncated = true;
      }
      columns.forEach((column, index) => {
        const source = batch.data.children[index];
        if (!source) {
          throw new EngineError(
            'server',
            `ClickHouse returned ${batch.data.children.length} columns, DESCRIBE said ${columns.length}`
          );
        }
        const converted = convertArrowChunk(source, column.type);
        chunks[index]!.push(batchRows < converted.length ? converted.slice(0, batchRows) : converted);
      });
      rowCount += batchRows;
      if (truncated) {
        break;
      }
    }
    if (truncated) {
      // Enough rows: stop downloading and stop the server's work.
      result.stream.destroy();
      request.kill();
    } else {
      // Arrow stops at its end-of-stream marker; read the body to its end so the connection is reused.
      await body.drain();
    }
    const fields: FrameField[] = columns.map((column, index) => ({
      name: column.name,
      kind: kindOf(column.type),
      nullable: column.type.nullable,
      values: chunks[index]!.length > 0 ? makeVector(chunks[index]!) : vectorsFromDescribe(column.type),
    }));
    return { fields, rowCount, truncated };
  } catch (error) {
    throw error instanceof Error &&
      /Arrow|IPC|magic|flatbuffer|Expected/.test(error.message) &&
      !(error instanceof EngineError)
      ? new EngineError(
          'server',
          `ClickHouse failed while sending the result (${error.message}); see the ClickHouse server log for the exception.`
        )
      : error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Servers before 23.x, scalar columns of fixed binary layout: RowBinary into typed arrays and byte buffers. */
export async function readRowBinary(request: ResultRequest, columns: DescribedColumn[]): Promise<QueryResult> {
  const result = await execIn(request, 'RowBinary', request.signal);
  const read = await fieldsFromRowBinary(result.stream, columns, request.rowLimit);
  if (read.truncated) {
    result.stream.destroy();
    request.kill();
  }
  return read;
}

/** Servers before 23.x, the scalar types RowBinary does not cover (enums, UUIDs, IPs, decimals…): TabSeparated. */
export async function readTabSeparated(request: ResultRequest, columns: DescribedColumn[]): Promise<QueryResult> {
  const result = await execIn(request, 'TabSeparated', request.signal);
  const read = await fieldsFromTabSeparated(result.stream, columns, request.rowLimit, request.serverTimeZone);
  if (read.truncated) {
    result.stream.destroy();
    request.kill();
  }
  return read;
}

/** The formats whose header names the result's columns and types, each with its readers. */
const selfDescribingFormats = {
  rowBinary: {
    format: 'RowBinaryWithNamesAndTypes',
    header: rowBinaryHeader,
    readable: rowBinaryReadable,
    rows: (header: FormatHeader, request: ResultRequest) =>
      fieldsFromRowBinary(header.rest, header.columns, request.rowLimit),
  },
  tabSeparated: {
    format: 'TabSeparatedWithNamesAndTypes',
    header: tabSeparatedHeader,
    readable: tabSeparatedReadable,
    rows: (header: FormatHeader, request: ResultRequest) =>
      fieldsFromTabSeparated(header.rest, header.columns, request.rowLimit, request.serverTimeZone),
  },
};

/**
 * A statement with a scalar subquery, sent once, undescribed (scalarSubqueries.ts): in a format whose
 * header gives the columns' names and types, RowBinaryWithNamesAndTypes where the server has Arrow
 * output (23.x+; RowBinary is read about as fast), TabSeparatedWithNamesAndTypes before (18.16 has no
 * RowBinaryWithNamesAndTypes). Undefined when a column's type has no reader in that format (RowBinary:
 * enums, UUIDs, decimals…; both: arrays, maps, tuples, wide integers): the query is stopped, and the
 * engine describes and runs it as any other, so only then do its subqueries run again.
 */
export async function readSelfDescribed(
  request: ResultRequest,
  arrowServer: boolean
): Promise<QueryResult | undefined> {
  const reader = arrowServer ? selfDescribingFormats.rowBinary : selfDescribingFormats.tabSeparated;
  const result = await execIn(request, reader.format, request.signal);
  const stream = result.stream as Readable;
  const header = await reader.header(stream);
  if (!header.columns.every((column) => reader.readable(column.type))) {
    stream.destroy();
    request.kill();
    return undefined;
  }
  const read = await reader.rows(header, request);
  if (read.truncated) {
    stream.destroy();
    request.kill();
  }
  return read;
}

/** Everything else (arrays, maps, tuples, statements that cannot be described): JSONCompact rows. */
export async function readJsonCompact(request: ResultRequest): Promise<QueryResult> {
  const result = await request.client.exec({
    query: request.statement,
    query_id: request.queryId,
    abort_signal: request.signal,
    clickhouse_settings: settings({
      ...request.limits,
      default_format: 'JSONCompact',
      output_format_json_quote_64bit_integers: 1,
      output_format_json_quote_denormals: 1,
    }),
  });
  let body = '';
  result.stream.setEncoding('utf8');
  for await (const chunk of result.stream) {
    body += chunk as string;
  }
  if (body.trim() === '') {
    // Statements without a result set (e.g. SET) print nothing.
    return { fields: [], rowCount: 0, truncated: false };
  }
  const parsed = jsonCompactOrUndefined(body);
  if (!parsed) {
    // A FORMAT clause in the query wins over the asked format. Its answer may even parse as JSON
    // (FORMAT CSV of one string prints "a"), so the shape is checked too.
    throw new EngineError(
      'query',
      'ClickHouse did not answer in JSONCompact; remove any FORMAT clause from the query — FlowLens picks the format itself.'
    );
  }
  const rowCount = Math.min(parsed.data.length, request.rowLimit);
  return {
    fields: fieldsFromJsonCompact(parsed, rowCount, request.serverTimeZone),
    rowCount,
    truncated: parsed.data.length > request.rowLimit,
  };
}

/**
 * The response body as an async iterable Arrow can read without owning the stream: Arrow destroys
 * a Node stream it is given as soon as it has read its end-of-stream marker, before the HTTP
 * response has ended, which makes the client drop the keep-alive connection.
 */
function responseChunks(stream: Readable): { chunks: AsyncIterable<Uint8Array>; drain(): Promise<void> } {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return {
    chunks: {
      [Symbol.asyncIterator]: () => ({
        next: () => iterator.next(),
        // Arrow calls return() when it is done; the stream stays open for drain().
        return: async () => ({ done: true, value: undefined }),
      }),
    },
    drain: async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        // Bytes after Arrow's end marker: none in practice, read only to finish the response.
      }
    },
  };
}

function jsonCompactOrUndefined(body: string): JsonCompactResult | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = parsed as Partial<JsonCompactResult> | null;
  return result && Array.isArray(result.meta) && Array.isArray(result.data) ? (result as JsonCompactResult) : undefined;
}
