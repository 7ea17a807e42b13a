import { FieldType, toDataFrame } from '@grafana/data';
import { describe, expect, test } from 'vitest';
import { flowFrame } from '../test/flowFrames';
import { defaultChordOptions } from '../optionDefaults';
import { type ChordOptions } from '../types';
import { buildChordModel } from './chordModel';

const options = (overrides: Partial<ChordOptions> = {}): ChordOptions => ({ ...defaultChordOptions, ...overrides });

describe('buildChordModel', () => {
  test.each([
    ['no frames', []],
    ['only empty frames', [flowFrame({ source: [], target: [], bytes: [] }), toDataFrame({ fields: [] })]],
  ])('%s → no data', (_name, frames) => {
    expect(buildChordModel(frames, options())).toEqual({ kind: 'noData' });
  });

  test('frames without usable fields → the problem, naming what is needed and what the frame has', () => {
    const frame = toDataFrame({ refId: 'A', fields: [{ name: 'count', type: FieldType.number, values: [1] }] });
    expect(buildChordModel([frame], options())).toEqual({
      kind: 'problem',
      message:
        'The chord needs a source and a target text field (pick them in the panel options); query A has: count (number).',
    });
  });

  test('every row invalid → a problem listing why', () => {
    const frame = flowFrame({ source: ['a', null, 'c'], target: ['b', 'b', 'd'], bytes: [NaN, 1, -1] });
    expect(buildChordModel([frame], options())).toEqual({
      kind: 'problem',
      message:
        'No flow left to draw: 1 row without a numeric value (null, NaN or text); 1 row with a negative value; 1 row without a source or target name.',
    });
  });

  test('all values zero → a problem', () => {
    const frame = flowFrame({ source: ['a'], target: ['b'], bytes: [0] });
    const result = buildChordModel([frame], options());
    expect(result).toEqual({
      kind: 'problem',
      message: 'No flow left to draw: 1 row in pairs below the minimum value or totalling zero.',
    });
  });

  test('merges frames, leaving out unusable ones with a notice', () => {
    const frames = [
      flowFrame({ source: ['a'], target: ['b'], bytes: [1] }),
      toDataFrame({ refId: 'B', fields: [{ name: 'time', type: FieldType.time, values: [1] }] }),
      flowFrame({ refId: 'C', source: ['a'], target: ['b'], bytes: [2] }),
    ];
    const result = buildChordModel(frames, options());
    expect(result.kind).toBe('model');
    if (result.kind !== 'model') {
      return;
    }
    expect(result.model.pairs.map((p) => [p.source, p.target, p.value, p.rows.length])).toEqual([['a', 'b', 3, 2]]);
    expect(result.model.notices).toEqual([
      'The chord needs a source and a target text field and a number field for the value (pick them in the panel options); query B has: time (time). It was left out.',
    ]);
  });

  test.each<[string, Partial<ChordOptions>, string[]]>([
    [
      'colour by field without a colour field',
      { colorBy: 'field' },
      ['Color by field needs a color field: pick one under Colors › Color field.'],
    ],
    [
      'colour field not in the data',
      { colorBy: 'field', colorField: 'action' },
      ['Color field "action" is not in the data; ribbons use group colors.'],
    ],
    [
      'detail fields not in the data',
      { detailFields: ['policy', 'port'] },
      ['Detail fields "policy", "port" not in the data.'],
    ],
    ['colour field unused when colouring by group', { colorBy: 'group', colorField: 'action' }, []],
  ])('notice: %s', (_name, overrides, notices) => {
    const result = buildChordModel([flowFrame({ source: ['a'], target: ['b'], bytes: [1] })], options(overrides));
    expect(result.kind === 'model' && result.model.notices).toEqual(notices);
  });

  test('counts skipped rows while drawing the rest; min value and top groups apply', () => {
    const frame = flowFrame({
      source: ['a', 'a', 'b', 'c', 'x', 'a'],
      target: ['b', 'a', 'c', 'd', 'y', null],
      bytes: [100, 5, 50, 20, 1, 7],
    });
    const result = buildChordModel([frame], options({ selfFlows: false, minValue: 2, topGroups: 2 }));
    if (result.kind !== 'model') {
      throw new Error(result.kind);
    }
    expect(result.model.skipped).toEqual({
      invalidValue: 0,
      negativeValue: 0,
      missingEndpoint: 1,
      selfFlow: 1,
      belowMinimum: 1,
    });
    expect(result.model.groups.map((g) => g.name)).toEqual(['a', 'b', 'Other']);
  });
});
