import './test/grafanaRegistries';
import {
  FieldColorModeId,
  FieldConfigProperty,
  PanelOptionsEditorBuilder,
  toDataFrame,
  FieldType,
} from '@grafana/data';
import { describe, expect, test } from 'vitest';
import { defaultChordOptions, withDefaults } from './optionDefaults';
import { addChordOptions, chordFieldConfig } from './options';
import { type ChordOptions } from './types';

function items() {
  const builder = new PanelOptionsEditorBuilder<ChordOptions>();
  addChordOptions(builder);
  return builder.getItems();
}

const optionKeys: Array<keyof ChordOptions> = [
  'sourceField',
  'targetField',
  'valueField',
  'colorField',
  'detailFields',
  'ribbons',
  'arrowHeads',
  'arcSize',
  'groupSort',
  'topGroups',
  'minValue',
  'selfFlows',
  'showLabels',
  'colorBy',
  'colorPick',
  'ribbonOpacity',
  'showLegend',
];

describe('panel options', () => {
  test('every option is declared once, with a name, a description and a category', () => {
    const declared = items();
    expect(declared.map((item) => item.path).sort()).toEqual([...optionKeys].sort());
    for (const item of declared) {
      expect(item.name.length).toBeGreaterThan(0);
      expect(item.description?.length ?? 0).toBeGreaterThan(20);
      expect(item.category?.length).toBe(1);
    }
  });

  test('builder defaults are the panel defaults', () => {
    for (const item of items()) {
      if (item.defaultValue !== undefined) {
        expect(item.defaultValue).toEqual(defaultChordOptions[item.path as keyof ChordOptions]);
      }
    }
  });

  test.each<[keyof ChordOptions, Partial<ChordOptions>, boolean]>([
    ['arrowHeads', { ribbons: 'directed' }, true],
    ['arrowHeads', { ribbons: 'undirected' }, false],
    ['colorPick', { colorBy: 'field' }, true],
    ['colorPick', { colorBy: 'group' }, false],
    ['showLegend', { colorBy: 'field' }, true],
    ['showLegend', { colorBy: 'value' }, false],
  ])('%s shown with %o: %s', (path, options, shown) => {
    const item = items().find((candidate) => candidate.path === path)!;
    expect(Boolean(item.showIf?.({ ...defaultChordOptions, ...options }))).toBe(shown);
  });

  test('field pickers offer the right field types; the detail picker lists every field', async () => {
    const frame = toDataFrame({
      fields: [
        { name: 'src', type: FieldType.string, values: ['a'] },
        { name: 'bytes', type: FieldType.number, values: [1] },
      ],
    });
    const [src, bytes] = frame.fields;
    const byPath = (path: string) => items().find((item) => item.path === path)!;
    expect(byPath('sourceField').settings.filter(src)).toBe(true);
    expect(byPath('sourceField').settings.filter(bytes)).toBe(false);
    expect(byPath('valueField').settings.filter(bytes)).toBe(true);
    const offered = await byPath('detailFields').settings.getOptions({ data: [frame] });
    expect(offered).toEqual([
      { label: 'src', value: 'src' },
      { label: 'bytes', value: 'bytes' },
    ]);
  });

  test('standard field options: the ones that mean something here, color by value by default', () => {
    expect(chordFieldConfig.disableStandardOptions).toEqual([
      FieldConfigProperty.NoValue,
      FieldConfigProperty.FieldMinMax,
      FieldConfigProperty.Filterable,
      FieldConfigProperty.Actions,
    ]);
    expect(chordFieldConfig.standardOptions?.[FieldConfigProperty.Color]?.defaultValue).toEqual({
      mode: FieldColorModeId.ContinuousBlYlRd,
    });
  });
});

describe('withDefaults', () => {
  test('no saved options → the defaults', () => {
    expect(withDefaults(undefined)).toEqual({
      ...defaultChordOptions,
      sourceField: undefined,
      targetField: undefined,
      valueField: undefined,
      colorField: undefined,
    });
  });

  test.each<[string, Record<string, unknown>, Partial<ChordOptions>]>([
    [
      'unknown enum values',
      { ribbons: 'sideways', arcSize: 3, colorBy: 'rainbow' },
      { ribbons: 'directed', arcSize: 'both', colorBy: 'group' },
    ],
    ['numbers as text', { topGroups: '5', minValue: '1024' }, { topGroups: 5, minValue: 1024 }],
    [
      'impossible numbers',
      { topGroups: -4, minValue: NaN, ribbonOpacity: 7 },
      { topGroups: 0, minValue: 0, ribbonOpacity: 1 },
    ],
    ['fractional top groups', { topGroups: 7.8 }, { topGroups: 7 }],
    ['detail fields not a list', { detailFields: 'policy' }, { detailFields: [] }],
    ['detail fields with junk', { detailFields: ['policy', 3, ''] }, { detailFields: ['policy'] }],
    ['empty field names', { sourceField: '', colorField: null }, { sourceField: undefined, colorField: undefined }],
    ['switches that are not booleans', { selfFlows: 'no', showLabels: 0 }, { selfFlows: true, showLabels: true }],
  ])('%s', (_name, saved, expected) => {
    expect(withDefaults(saved as Partial<ChordOptions>)).toMatchObject(expected);
  });
});
