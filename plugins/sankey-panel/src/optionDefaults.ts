import type { SankeyOptions } from './types';

/** What a new panel starts with; options.ts declares each option with its default from here. */
export const defaultSankeyOptions: SankeyOptions = {
  hopFields: [],
  valueReducer: 'sum',
  emptyNames: 'label',
  emptyLabel: '(empty)',
  topLinks: 50,
  otherLabel: 'Other',
  nodeAlign: 'columns',
  nodeSort: 'auto',
  nodeWidth: 14,
  nodePadding: 10,
  iterations: 6,
  showHeaders: true,
  nodeLabels: 'name',
  linkColor: 'source',
  singleColor: 'blue',
  linkOpacity: 0.45,
  renderer: 'auto',
};
