import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ByteWriter,
  flowColumns,
  FlowRecordCursor,
  generateFlows,
  RowBinaryEncoder,
  TabSeparatedEncoder,
  writeFlows,
  type FlowBatch,
  type FlowRecord,
  type FlowSink,
} from '../src/index.ts';
import { CsvEncoder } from '../src/encoding/csv.ts';
import type { FlowEncoder, RecordEncoder } from '../src/encoding/encoder.ts';
import { recordNumberColumns, routeColumns } from '../src/columns.ts';

// writeRecord (plain records from outside, column by column) must give the bytes the generator's
// path (cursor and cached route bytes) gives for the same record, in every format that has it.
const encoders: Array<[string, () => FlowEncoder & RecordEncoder]> = [
  ['RowBinary', () => new RowBinaryEncoder()],
  ['TabSeparated', () => new TabSeparatedEncoder()],
  ['CSV', () => new CsvEncoder()],
];

function viaRecords(encoder: RecordEncoder, records: Iterable<FlowRecord>): Buffer {
  const out = new ByteWriter(1024);
  for (const record of records) encoder.writeRecord(record, out);
  return Buffer.from(out.view());
}

/** The generator's path for one record: a cursor whose route holds the record's route columns. */
function viaCursor(encoder: FlowEncoder, record: FlowRecord): Buffer {
  const cursor = new FlowRecordCursor();
  recordNumberColumns.forEach((column, i) => (cursor.values[i] = record[column.name]));
  cursor.tcpState = record.tcpState;
  const fields = Object.fromEntries(routeColumns.map((column) => [column.name, record[column.name]]));
  cursor.route = {
    fields: fields as FlowRecordCursor['route']['fields'],
    exporterPollOffset: 0,
    sourceIsExternal: false,
    seenByDestinationNode: true,
  };
  const out = new ByteWriter(1024);
  encoder.write(cursor, out);
  return Buffer.from(out.view());
}

describe('RecordEncoder.writeRecord', () => {
  it.each(encoders)('%s: the generator’s bytes for generated records', async (_name, encoder) => {
    const options = { seed: 11, from: '2025-03-01T10:00:00Z', count: 3000 };
    const batches: Buffer[] = [];
    const sink: FlowSink = {
      encoder: encoder(),
      description: 'memory',
      preferredBatchRows: 1000,
      write: async (batch: FlowBatch) => void batches.push(Buffer.from(batch.bytes)),
      close: async () => undefined,
    };
    await writeFlows(sink, options);
    const generated = Buffer.concat(batches);
    const written = viaRecords(encoder(), generateFlows(options));
    // CSV files start with a header the sink writes; batches hold only rows.
    expect(written.equals(generated)).toBe(true);
  });

  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ maxLength: 200 }),
    // Lone surrogates; 127 units that take 128 bytes, so RowBinary's length needs a second byte.
    fc.constantFrom('\ud800', 'a\udc00b', `${'a'.repeat(126)}é`, `${'é'.repeat(70)}`, 'tab\there\nnew "q", ')
  );
  const template = [...generateFlows({ seed: 3, count: 1 })][0]!;
  const strange = fc
    .tuple(fc.array(text, { minLength: flowColumns.length, maxLength: flowColumns.length }), fc.nat(2 ** 40))
    .map(([texts, number]) => {
      const record = { ...template } as unknown as Record<string, string | number>;
      flowColumns.forEach((column, i) => {
        if (column.type === 'String') record[column.name] = texts[i]!;
        else if (column.type === 'UInt64') record[column.name] = number;
      });
      return record as unknown as FlowRecord;
    });

  it.each(encoders)('%s: any text (non-ASCII, lone surrogates, long) as Buffer.from writes it', (_name, encoder) => {
    fc.assert(
      fc.property(strange, (record) => {
        expect(viaRecords(encoder(), [record]).equals(viaCursor(encoder(), record))).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
});
