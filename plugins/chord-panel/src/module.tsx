import { PanelPlugin } from '@grafana/data';
import { ChordPanel } from './ChordPanel';
import type { ChordOptions } from './types';

export const plugin = new PanelPlugin<ChordOptions>(ChordPanel).setPanelOptions((builder) =>
  builder
    .addFieldNamePicker({ path: 'sourceField', name: 'Source field', description: 'Default: the first string field' })
    .addFieldNamePicker({ path: 'targetField', name: 'Target field', description: 'Default: the second string field' })
    .addFieldNamePicker({ path: 'valueField', name: 'Value field', description: 'Default: the first number field' })
);
