import './test/optionEditors';
import { PanelOptionsEditorBuilder } from '@grafana/data';
import { describe, expect, test } from 'vitest';
import { plugin } from './module';
import { defaultPolicyOptions, withDefaults } from './optionDefaults';
import { addPolicyOptions } from './options';
import { type PolicyOptions } from './types';

function items() {
  const builder = new PanelOptionsEditorBuilder<PolicyOptions>();
  addPolicyOptions(builder);
  return builder.getItems();
}

describe('panel options', () => {
  test('every option is declared once, with a name, a description and a category', () => {
    const declared = items();
    expect(declared.map((item) => item.path).sort()).toEqual(Object.keys(defaultPolicyOptions).sort());
    for (const item of declared) {
      expect(item.name.length).toBeGreaterThan(0);
      expect(item.description?.length ?? 0).toBeGreaterThan(20);
      expect(item.category?.length).toBe(1);
    }
  });

  test('builder defaults are the panel defaults', () => {
    for (const item of items()) {
      expect(item.defaultValue).toEqual(defaultPolicyOptions[item.path as keyof PolicyOptions]);
    }
  });

  test('the plugin offers no field config: the review reads no units, colours or links', () => {
    expect(plugin.fieldConfigRegistry.list().map((item) => item.id)).toEqual([]);
  });

  test.each<[string, unknown, PolicyOptions]>([
    ['nothing saved', undefined, defaultPolicyOptions],
    [
      'valid choices',
      { initialSelection: 'none', layout: 'stacked', showObserved: false, fileName: ' x.yml ' },
      { initialSelection: 'none', layout: 'stacked', showObserved: false, fileName: 'x.yml' },
    ],
    [
      'nonsense from hand-edited JSON',
      { initialSelection: 'some', layout: 3, showObserved: 'yes', fileName: '' },
      defaultPolicyOptions,
    ],
  ])('saved options: %s', (_name, saved, expected) => {
    expect(withDefaults(saved as Partial<PolicyOptions>)).toEqual(expected);
  });
});
