import { PanelPlugin } from '@grafana/data';
import { SankeyPanel } from './SankeyPanel';
import type { SankeyOptions } from './types';

export const plugin = new PanelPlugin<SankeyOptions>(SankeyPanel).setPanelOptions((builder) =>
  builder
    .addFieldNamePicker({ path: 'sourceField', name: 'Source field', description: 'Default: the first string field' })
    .addFieldNamePicker({ path: 'targetField', name: 'Target field', description: 'Default: the second string field' })
    .addFieldNamePicker({ path: 'valueField', name: 'Value field', description: 'Default: the first number field' })
);
