import { describe, expect, it } from 'vitest';
import { flowColumns, generateFlows, FlowRecordCursor, RouteInterner, fillCursor, ByteWriter } from '../src/index.ts';
import { compileEquality, compileObjectBuilder, compilePick, compileValuesReader } from '../src/propertyAccessors.ts';
import { RowBinaryEncoder } from '../src/encoding/rowBinary.ts';

describe('compiled property accessors', () => {
  const names = ['sourceIP', 'destinationIP', 'destinationTransportPort'];
  const a = { sourceIP: '10.0.0.1', destinationIP: '10.0.0.2', destinationTransportPort: 80, other: 1 };

  it('read, build, pick and compare exactly the named properties, in order', () => {
    const values: unknown[] = [];
    compileValuesReader<unknown[]>(names)(a, values);
    expect(values).toEqual(['10.0.0.1', '10.0.0.2', 80]);
    const built = compileObjectBuilder<Record<string, unknown>>(names)(values);
    expect(Object.keys(built)).toEqual(names);
    expect(compilePick<Record<string, unknown>>(names)(a)).toEqual(built);
    const same = compileEquality(names);
    expect(same(a, { ...a, other: 2 })).toBe(true);
    expect(same(a, { ...a, destinationTransportPort: 81 })).toBe(false);
    expect(same(a, { ...a, sourceIP: undefined })).toBe(false);
  });

  it('refuse a name that is not an identifier, so no text becomes code', () => {
    expect(() => compileValuesReader(['a; globalThis.x = 1'])).toThrow(/not an identifier/);
    expect(() => compileEquality(['a.b'])).toThrow(/not an identifier/);
    expect(() => compilePick([])).toThrow(/at least one/);
  });
});

describe('records from outside through the compiled accessors', () => {
  it('fill the cursor with every per-record number and keep every route field', () => {
    const record = { ...[...generateFlows({ seed: 5, count: 10, scale: 1 })][3]! };
    const cursor = new FlowRecordCursor();
    fillCursor(cursor, record, new RouteInterner());
    const numbers = flowColumns.slice(0, cursor.values.length);
    numbers.forEach((column, i) => expect(cursor.values[i]).toBe(record[column.name as keyof typeof record]));
    for (const [name, value] of Object.entries(cursor.route.fields)) {
      expect(value).toBe(record[name as keyof typeof record]);
    }
    expect(Object.keys(cursor.route.fields).length + cursor.values.length + 1).toBe(flowColumns.length);
  });

  it('encode route strings of any length and script as RowBinary length and UTF-8 bytes', () => {
    const record = { ...[...generateFlows({ seed: 5, count: 1, scale: 1 })][0]! };
    record.sourcePodLabels = JSON.stringify({ app: 'café', team: '数据', note: 'x'.repeat(300), e: '🚦' });
    record.destinationPodName = 'pod-\ud800-lone';
    const cursor = new FlowRecordCursor();
    fillCursor(cursor, record, new RouteInterner());
    const out = new ByteWriter(64);
    new RowBinaryEncoder().write(cursor, out);
    const bytes = out.view();
    // Walk the row by column type: strings are a varint length and that many UTF-8 bytes.
    let at = 0;
    const read: Record<string, unknown> = {};
    for (const column of flowColumns) {
      if (column.type === 'String') {
        let length = 0;
        for (let shift = 0; ; shift += 7) {
          const byte = bytes[at++]!;
          length |= (byte & 0x7f) << shift;
          if (byte < 0x80) break;
        }
        read[column.name] = bytes.subarray(at, at + length).toString('utf8');
        at += length;
      } else {
        at += { DateTime: 4, UInt8: 1, UInt16: 2, UInt64: 8 }[column.type];
      }
    }
    expect(at).toBe(bytes.length);
    expect(read.sourcePodLabels).toBe(record.sourcePodLabels);
    expect(read.destinationPodName).toBe('pod-\ufffd-lone');
    expect(read.sourceIP).toBe(record.sourceIP);
  });
});
