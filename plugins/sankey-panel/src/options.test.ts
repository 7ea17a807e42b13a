import './test/grafanaRegistries';
import { FieldColorModeId, FieldConfigProperty, PanelOptionsEditorBuilder } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { plugin } from './module';
import { addSankeyOptions } from './options';
import { defaultSankeyOptions } from './optionDefaults';
import type { SankeyOptions } from './types';

function optionItems() {
  const builder = new PanelOptionsEditorBuilder<SankeyOptions>();
  addSankeyOptions(builder);
  return builder.getItems();
}

/** Every key of SankeyOptions, listed by hand so a new option without an editor fails here. */
const allOptions: Array<keyof SankeyOptions> = [
  'sourceField',
  'targetField',
  'hopFields',
  'valueField',
  'valueReducer',
  'emptyNames',
  'emptyLabel',
  'topLinks',
  'otherLabel',
  'minValue',
  'nodeAlign',
  'nodeSort',
  'nodeWidth',
  'nodePadding',
  'iterations',
  'showHeaders',
  'nodeLabels',
  'linkColor',
  'singleColor',
  'linkOpacity',
  'renderer',
];

describe('panel options', () => {
  it('declares every option exactly once', () => {
    const paths = optionItems().map((item) => item.path);
    expect([...paths].sort()).toEqual([...allOptions].sort());
  });

  it('explains every option', () => {
    for (const item of optionItems()) {
      expect(item.description, item.path).toMatch(/\w{3,}.*\w{3,}/);
      expect(item.category?.length, item.path).toBe(1);
    }
  });

  it('defaults in the editor are the defaults the panel code assumes', () => {
    for (const item of optionItems()) {
      const expected = defaultSankeyOptions[item.path as keyof SankeyOptions];
      if (expected !== undefined) {
        expect(item.defaultValue, item.path).toEqual(expected);
      }
    }
  });

  it('offers every choice the types allow', () => {
    const choices = (path: keyof SankeyOptions) =>
      (optionItems().find((item) => item.path === path)?.settings?.options as Array<{ value: string }>).map(
        (option) => option.value
      );
    expect(choices('nodeAlign')).toEqual(['columns', 'justify', 'left', 'right', 'center']);
    expect(choices('nodeSort')).toEqual(['auto', 'value', 'name', 'input']);
    expect(choices('linkColor')).toEqual(['source', 'target', 'gradient', 'single', 'thresholds']);
    expect(choices('valueReducer')).toEqual(['sum', 'mean', 'max', 'last']);
  });

  it('shows the single link colour only in single-colour mode, and the empty label only when labelling', () => {
    const item = (path: string) => optionItems().find((candidate) => candidate.path === path)!;
    expect(item('singleColor').showIf?.({ ...defaultSankeyOptions, linkColor: 'single' })).toBe(true);
    expect(item('singleColor').showIf?.({ ...defaultSankeyOptions, linkColor: 'source' })).toBe(false);
    expect(item('emptyLabel').showIf?.({ ...defaultSankeyOptions, emptyNames: 'skip' })).toBe(false);
  });

  it('colours nodes by name by default through the standard colour scheme option', () => {
    expect(plugin.fieldConfigDefaults.defaults.color).toEqual({ mode: FieldColorModeId.PaletteClassicByName });
  });

  it('keeps the standard field options that mean something here and drops the rest', () => {
    const standard = plugin.fieldConfigRegistry.list().map((item) => item.id);
    for (const kept of ['unit', 'decimals', 'color', 'mappings', 'links', 'thresholds', 'min', 'max', 'displayName']) {
      expect(standard).toContain(kept);
    }
    for (const dropped of [FieldConfigProperty.NoValue, FieldConfigProperty.Filterable, FieldConfigProperty.Actions]) {
      expect(standard).not.toContain(dropped);
    }
  });
});
