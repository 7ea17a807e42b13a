import { PanelPlugin } from '@grafana/data';
import { ChordPanel } from './ChordPanel';
import { addChordOptions, chordFieldConfig } from './options';
import { type ChordOptions } from './types';

export const plugin = new PanelPlugin<ChordOptions>(ChordPanel)
  .setPanelOptions(addChordOptions)
  .useFieldConfig(chordFieldConfig);
