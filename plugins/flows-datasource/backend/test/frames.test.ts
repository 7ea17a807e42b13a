import { describe, expect, it } from 'vitest';
import { float64Vector, stringVector, timeVector, uint64Vector } from '../src/frames/fieldVectors.ts';
import type { Frame } from '../src/frames/frame.ts';
import { longToWide, TimeSeriesShapeError } from '../src/frames/longToWide.ts';

describe('long to wide', () => {
  it('turns string columns into labels, one field per series, sorted by time with nulls for gaps', () => {
    const frame: Frame = {
      refId: 'A',
      fields: [
        { name: 'time', kind: 'time', values: timeVector([2000, 1000, 1000, 3000]) },
        { name: 'ns', kind: 'string', values: stringVector(['a', 'a', 'b', 'b']) },
        { name: 'bytes', kind: 'number', values: uint64Vector([20n, 10n, 11n, 18446744073709551615n]) },
      ],
    };
    const wide = longToWide(frame);
    expect(wide.meta?.type).toBe('timeseries-wide');
    expect(wide.fields.map((field) => [field.name, field.labels])).toEqual([
      ['time', undefined],
      ['bytes', { ns: 'a' }],
      ['bytes', { ns: 'b' }],
    ]);
    expect([...wide.fields[0]!.values]).toEqual([1000, 2000, 3000]);
    expect([...wide.fields[1]!.values]).toEqual([10n, 20n, null]);
    expect([...wide.fields[2]!.values]).toEqual([11n, null, 18446744073709551615n]);
    expect(String(wide.fields[2]!.values.type)).toBe('Uint64');
  });

  it('sorts an already wide frame by time', () => {
    const wide = longToWide({
      fields: [
        { name: 't', kind: 'time', values: timeVector([3000, 1000]) },
        { name: 'v', kind: 'number', values: float64Vector([3, 1]) },
      ],
    });
    expect([...wide.fields[1]!.values]).toEqual([1, 3]);
    expect(wide.fields[1]!.labels).toBeUndefined();
  });

  it("declares the query's bucket width as the time field's interval, so Grafana breaks lines at empty buckets", () => {
    const frame: Frame = {
      fields: [
        { name: 'time', kind: 'time', values: timeVector([0, 60_000, 300_000]) },
        { name: 'flows', kind: 'number', values: float64Vector([1, 2, 3]) },
      ],
    };
    expect(longToWide(frame, 60).fields[0]!.config).toEqual({ interval: 60_000 });
    // Without a known width there is nothing to declare: Grafana then joins only what it is given.
    expect(longToWide(frame).fields[0]!.config).toBeUndefined();
  });

  it('explains what is missing when there is no time column', () => {
    expect(() => longToWide({ fields: [{ name: 'pod', kind: 'string', values: stringVector(['a']) }] })).toThrow(
      TimeSeriesShapeError
    );
    expect(() => longToWide({ fields: [{ name: 'pod', kind: 'string', values: stringVector(['a']) }] })).toThrow(
      /needs a time column.*pod \(string\)/
    );
  });
});
