import { PanelPlugin } from '@grafana/data';
import { addPolicyOptions } from './options';
import { PolicyPanel } from './PolicyPanel';
import { type PolicyOptions } from './types';

export const plugin = new PanelPlugin<PolicyOptions>(PolicyPanel).setPanelOptions(addPolicyOptions);
