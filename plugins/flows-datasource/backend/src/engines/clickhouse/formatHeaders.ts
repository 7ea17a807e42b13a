import { parseClickHouseType } from './clickhouseTypes.ts';
import type { DescribedColumn } from './resultFormats.ts';
import { unescapeField } from './tabSeparatedColumns.ts';

/**
 * The header of ClickHouse's `…WithNamesAndTypes` formats: the result's column names and types ahead
 * of its rows, so a statement describes itself as it runs (scalarSubqueries.ts says when that
 * matters). `rest` yields the bytes after the header: the rows, for the format's row reader.
 */
export interface FormatHeader {
  columns: DescribedColumn[];
  rest: AsyncIterable<Uint8Array>;
}

/** Reads chunks until `parse` finds the whole header in the bytes so far. */
async function readHeader(
  stream: AsyncIterable<Uint8Array>,
  parse: (bytes: Uint8Array) => { names: string[]; types: string[]; end: number } | undefined
): Promise<FormatHeader> {
  // Iterated by hand: a for-await loop left early would close the stream the rows are still in.
  const chunks = stream[Symbol.asyncIterator]();
  let bytes: Uint8Array = new Uint8Array(0);
  for (;;) {
    const header = parse(bytes);
    if (header) {
      if (header.names.length !== header.types.length || header.names.length === 0) {
        throw new Error(`ClickHouse sent ${header.names.length} column names and ${header.types.length} types`);
      }
      const leftover = bytes.subarray(header.end);
      return {
        columns: header.names.map((name, i) => ({
          name,
          typeText: header.types[i]!,
          type: parseClickHouseType(header.types[i]!),
        })),
        rest: rowsAfter(leftover, chunks),
      };
    }
    const next = await chunks.next();
    if (next.done) {
      throw new Error('ClickHouse ended the result before its header of column names and types');
    }
    bytes = bytes.length === 0 ? next.value : Buffer.concat([bytes, next.value]);
  }
}

async function* rowsAfter(leftover: Uint8Array, chunks: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  if (leftover.length > 0) yield leftover;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}

/** RowBinaryWithNamesAndTypes: a LEB128 column count, then as many names, then as many type names (LEB128 length, bytes). */
export function rowBinaryHeader(stream: AsyncIterable<Uint8Array>): Promise<FormatHeader> {
  return readHeader(stream, (bytes) => {
    const decoder = new TextDecoder();
    let position = 0;
    const varUInt = (): number | undefined => {
      let value = 0;
      for (let shift = 0; position < bytes.length; shift += 7) {
        const byte = bytes[position++]!;
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
      }
      return undefined;
    };
    const text = (): string | undefined => {
      const length = varUInt();
      if (length === undefined || position + length > bytes.length) return undefined;
      position += length;
      return decoder.decode(bytes.subarray(position - length, position));
    };
    const count = varUInt();
    if (count === undefined) return undefined;
    const texts: string[] = [];
    for (let i = 0; i < 2 * count; i++) {
      const next = text();
      if (next === undefined) return undefined;
      texts.push(next);
    }
    return { names: texts.slice(0, count), types: texts.slice(count), end: position };
  });
}

/** TabSeparatedWithNamesAndTypes: a line of names, then a line of type names, escaped as the rows are. */
export function tabSeparatedHeader(stream: AsyncIterable<Uint8Array>): Promise<FormatHeader> {
  return readHeader(stream, (bytes) => {
    const namesEnd = bytes.indexOf(0x0a);
    const typesEnd = namesEnd < 0 ? -1 : bytes.indexOf(0x0a, namesEnd + 1);
    if (typesEnd < 0) return undefined;
    const line = (from: number, to: number) =>
      new TextDecoder()
        .decode(bytes.subarray(from, to))
        .split('\t')
        .map((field) => unescapeField(field) ?? '');
    return { names: line(0, namesEnd), types: line(namesEnd + 1, typesEnd), end: typesEnd + 1 };
  });
}
