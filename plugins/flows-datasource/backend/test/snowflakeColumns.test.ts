import { describe, expect, it } from 'vitest';
import { fieldFromColumn } from '../src/engines/snowflake/snowflakeColumns.ts';

const column = (type: string, scale = 0) => ({ name: 'V', type, scale, nullable: true });

describe('Snowflake result columns as Grafana fields', () => {
  it('keeps whole NUMBERs exact: int64, uint64 past int64, float64 past uint64', () => {
    expect(String(fieldFromColumn(column('fixed'), ['1', null, '-5']).values.type)).toBe('Int64');
    const counters = fieldFromColumn(column('fixed'), ['18446744073709551615', '0']);
    expect(String(counters.values.type)).toBe('Uint64');
    expect(counters.values.get(0)).toBe(18446744073709551615n);
    expect(String(fieldFromColumn(column('fixed'), ['-1', '18446744073709551615']).values.type)).toBe('Float64');
    expect(String(fieldFromColumn(column('fixed'), ['99999999999999999999999']).values.type)).toBe('Float64');
  });

  it('reads scaled NUMBERs and FLOATs as float64, special values included', () => {
    expect([...fieldFromColumn(column('fixed', 2), ['1.25', null]).values]).toEqual([1.25, null]);
    expect([...fieldFromColumn(column('real'), ['inf', '-inf', 'NaN', '2.5']).values]).toEqual([
      Infinity,
      -Infinity,
      NaN,
      2.5,
    ]);
  });

  it('keeps null times, texts, booleans and JSON as nulls', () => {
    for (const type of ['timestamp_tz', 'timestamp_ltz', 'timestamp_ntz', 'date', 'text', 'boolean', 'variant']) {
      const field = fieldFromColumn(column(type), [null, undefined]);
      expect([...field.values], type).toEqual([null, null]);
    }
    const times = fieldFromColumn(column('timestamp_ltz'), [new Date(Date.UTC(2025, 0, 6, 9)), null]);
    expect(times.kind).toBe('time');
    expect(times.values.get(0)).toBe(Date.UTC(2025, 0, 6, 9));
  });

  it('maps upper-case flows columns back to the schema spelling only', () => {
    expect(fieldFromColumn({ ...column('text'), name: 'SOURCEPODNAME' }, []).name).toBe('sourcePodName');
    expect(fieldFromColumn({ ...column('text'), name: 'NS' }, []).name).toBe('NS');
    expect(fieldFromColumn({ ...column('text'), name: 'Throughput' }, []).name).toBe('Throughput');
  });
});
