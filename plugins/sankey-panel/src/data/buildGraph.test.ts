import { describe, expect, it } from 'vitest';
import { series, table } from '../test/flowFrames';
import { defaultSankeyOptions } from '../optionDefaults';
import type { SankeyOptions } from '../types';
import { buildGraph } from './buildGraph';
import { linksOf } from '../test/graphText';

const options = (overrides: Partial<SankeyOptions> = {}): SankeyOptions => ({ ...defaultSankeyOptions, ...overrides });

describe('buildGraph: links from tables', () => {
  const cases: Array<{
    name: string;
    frames: ReturnType<typeof table>[];
    options?: Partial<SankeyOptions>;
    links: string[];
  }> = [
    {
      name: 'defaults: text fields are columns, the first number field sizes links, repeated pairs add up',
      frames: [table({ src: ['a', 'a', 'b'], dst: ['x', 'x', 'x'], bytes: [1, 2, 4] })],
      links: ['0:a → 1:x = 3', '0:b → 1:x = 4'],
    },
    {
      name: 'four text fields make three stages',
      frames: [
        table({
          ns: ['web', 'web'],
          pod: ['p1', 'p2'],
          svc: ['db:5432', 'db:5432'],
          dst: ['db-0', 'db-0'],
          bytes: [5, 7],
        }),
      ],
      links: [
        '0:web → 1:p1 = 5',
        '1:p1 → 2:db:5432 = 5',
        '2:db:5432 → 3:db-0 = 12',
        '0:web → 1:p2 = 7',
        '1:p2 → 2:db:5432 = 7',
      ],
    },
    {
      name: 'a pod that is source and destination is one node per column, so no cycle',
      frames: [table({ src: ['a', 'b'], dst: ['b', 'a'], bytes: [1, 2] })],
      links: ['0:a → 1:b = 1', '0:b → 1:a = 2'],
    },
    {
      name: 'picked fields override the defaults; source and target take unused text fields',
      frames: [table({ ns: ['n'], pod: ['p'], svc: ['s'], packets: [9], bytes: [3] })],
      options: { sourceField: 'pod', valueField: 'bytes' },
      links: ['0:p → 1:n = 3'],
    },
    {
      name: 'hop fields sit between source and target',
      frames: [table({ ns: ['n'], pod: ['p'], svc: ['s'], bytes: [3] })],
      options: { sourceField: 'ns', hopFields: ['svc'], targetField: 'pod' },
      links: ['0:n → 1:s = 3', '1:s → 2:p = 3'],
    },
    {
      name: 'a number field can be a column (a port) and is not the default value then',
      frames: [table({ pod: ['p', 'q'], port: [53, 443], bytes: [3, 4] })],
      options: { targetField: 'port' },
      links: ['0:p → 1:53 = 3', '0:q → 1:443 = 4'],
    },
    {
      name: 'empty and null names get the empty label',
      frames: [table({ src: ['a', ''], dst: [null, 'x'], bytes: [1, 2] })],
      options: { emptyLabel: 'external' },
      links: ['0:a → 1:external = 1', '0:external → 1:x = 2'],
    },
    {
      name: 'skipping empty names makes a link jump over the empty column',
      frames: [table({ pod: ['a', 'a'], svc: ['', 's'], dst: ['b', 'b'], bytes: [1, 2] })],
      options: { emptyNames: 'skip' },
      links: ['0:a → 2:b = 1', '0:a → 1:s = 2', '1:s → 2:b = 2'],
    },
    {
      name: 'several frames merge by field name',
      frames: [
        table({ src: ['a'], dst: ['x'], bytes: [1] }, 'A'),
        table({ src: ['a', 'b'], dst: ['x', 'y'], bytes: [2, 3] }, 'B'),
      ],
      links: ['0:a → 1:x = 3', '0:b → 1:y = 3'],
    },
    {
      name: 'a minimum value hides small links and the nodes left without links',
      frames: [table({ src: ['a', 'b', 'c'], dst: ['x', 'x', 'y'], bytes: [10, 2, 30] })],
      options: { minValue: 5 },
      links: ['0:a → 1:x = 10', '0:c → 1:y = 30'],
    },
    {
      name: 'repeated rows reduce per path with the reducer (mean of a long-format time series)',
      frames: [table({ src: ['a', 'a', 'b'], dst: ['x', 'x', 'x'], bps: [10, 30, 5] })],
      options: { valueReducer: 'mean' },
      links: ['0:a → 1:x = 20', '0:b → 1:x = 5'],
    },
  ];

  it.each(cases)('$name', ({ frames, options: overrides, links }) => {
    expect(linksOf(buildGraph(frames, options(overrides)))).toEqual(links);
  });

  it('fields picked by their own name while a display name shows (as the FlowLens dashboards save them)', () => {
    const frame = table({ sourcePod: ['a'], destinationPod: ['x'], bytes: [3] });
    const displayNames: Record<string, string> = {
      sourcePod: 'Source pod',
      destinationPod: 'Destination pod',
      bytes: 'Bytes',
    };
    frame.fields.forEach((field) => (field.config.displayName = displayNames[field.name]));
    const result = buildGraph(
      [frame],
      options({ sourceField: 'sourcePod', targetField: 'destinationPod', valueField: 'bytes' })
    );
    expect(linksOf(result)).toEqual(['0:a → 1:x = 3']);
    expect(result.kind === 'graph' && result.graph.columns.map((column) => column.title)).toEqual([
      'Source pod',
      'Destination pod',
    ]);
  });
});

describe('buildGraph: time series reduced per pair', () => {
  const frames = [
    series('bps', { src: 'a', dst: 'x' }, [10, null, 30, 20]),
    series('bps', { src: 'b', dst: 'x' }, [1, 5, 3, null]),
  ];
  it.each([
    ['sum', ['0:a → 1:x = 60', '0:b → 1:x = 9']],
    ['mean', ['0:a → 1:x = 20', '0:b → 1:x = 3']],
    ['max', ['0:a → 1:x = 30', '0:b → 1:x = 5']],
    ['last', ['0:a → 1:x = 20', '0:b → 1:x = 3']],
  ] as const)('%s', (valueReducer, links) => {
    expect(linksOf(buildGraph(frames, options({ valueReducer })))).toEqual(links);
  });

  it('takes label keys as columns, and gaps (nulls) in series are not reported', () => {
    const result = buildGraph(frames, options());
    expect(result.kind === 'graph' && result.graph.columns.map((column) => column.title)).toEqual(['src', 'dst']);
    expect(result.kind === 'graph' && result.graph.notes.skipped.null).toBe(0);
  });

  it('ignores series without a picked label and says which', () => {
    const result = buildGraph([...frames, series('bps', { src: 'c' }, [1], 'B')], options());
    expect(result.kind === 'graph' && result.graph.notes.ignoredFrames).toEqual(['B has no "dst" field or label']);
  });
});

describe('buildGraph: bad values are skipped and counted', () => {
  it('counts null, NaN, negative and zero values and keeps the rest', () => {
    const frame = table({
      src: ['a', 'b', 'c', 'd', 'e', 'f'],
      dst: ['x', 'x', 'x', 'x', 'x', 'x'],
      bytes: [1, null, NaN, -4, 0, Infinity],
    });
    const result = buildGraph([frame], options());
    expect(linksOf(result)).toEqual(['0:a → 1:x = 1']);
    expect(result.kind === 'graph' && result.graph.notes.skipped).toEqual({
      null: 1,
      nan: 2,
      negative: 1,
      zero: 1,
      unnamed: 0,
    });
  });

  it('share of total divides by all traffic, including links hidden by the minimum', () => {
    const result = buildGraph(
      [table({ src: ['a', 'b'], dst: ['x', 'y'], bytes: [90, 10] })],
      options({ minValue: 50 })
    );
    expect(result.kind === 'graph' && result.graph.total).toBe(100);
  });
});

describe('buildGraph: what the panel says instead of drawing', () => {
  const cases: Array<[string, ReturnType<typeof table>[], Partial<SankeyOptions>, RegExp]> = [
    [
      'no number field',
      [table({ src: ['a'], dst: ['b'] })],
      {},
      /sizes links by a number field.*returned A: src \(string\), dst \(string\)/,
    ],
    [
      'one text field',
      [table({ src: ['a'], bytes: [1] })],
      {},
      /needs two text fields .*A: src \(string\), bytes \(number\)/,
    ],
    [
      'missing source',
      [table({ src: ['a'], dst: ['b'], bytes: [1] })],
      { sourceField: 'pod' },
      /Source field "pod" is not in the query result\. Text fields: "src", "dst"/,
    ],
    [
      'value field holds text',
      [table({ src: ['a'], dst: ['b'], bytes: [1] })],
      { valueField: 'dst' },
      /Value field "dst" holds string values, not numbers\. Number fields: "bytes"/,
    ],
    [
      'missing value field',
      [table({ src: ['a'], dst: ['b'], bytes: [1] })],
      { valueField: 'packets' },
      /Value field "packets" is not in the query result/,
    ],
    [
      'time field as a column',
      [series('bps', { src: 'a', dst: 'b' }, [1])],
      { sourceField: 'time' },
      /Source field "time" is a time field/,
    ],
    [
      'the same field twice',
      [table({ src: ['a'], dst: ['b'], bytes: [1] })],
      { sourceField: 'src', targetField: 'src' },
      /"src" is picked for two columns/,
    ],
    [
      'every value null',
      [table({ src: ['a'], dst: ['b'], bytes: [null] })],
      {},
      /Nothing to draw for src → dst\. Skipped values: 1 null\./,
    ],
  ];
  it.each(cases)('%s', (_name, frames, overrides, message) => {
    const result = buildGraph(frames, options(overrides));
    expect(result.kind).toBe('problem');
    expect(result.kind === 'problem' && result.message).toMatch(message);
  });

  it('no frames, or frames without rows, is "no data"', () => {
    expect(buildGraph([], options()).kind).toBe('noData');
    expect(buildGraph([table({ src: [], bytes: [] })], options()).kind).toBe('noData');
  });
});
