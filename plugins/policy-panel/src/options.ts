import { type PanelOptionsEditorBuilder, type SelectableValue } from '@grafana/data';
import { defaultPolicyOptions } from './optionDefaults';
import { type InitialSelection, type PolicyOptions, type ReviewLayout } from './types';

const review = ['Review'];
const yaml = ['YAML'];

/** The panel's options, each declared once; defaults live in optionDefaults.ts. */
export function addPolicyOptions(builder: PanelOptionsEditorBuilder<PolicyOptions>) {
  const d = defaultPolicyOptions;
  return builder
    .addRadio({
      path: 'initialSelection',
      name: 'Policies start',
      description:
        'Selected: every recommended policy is in the YAML until you leave it out. Not selected: you pick the ones you want. Policies that appear on refresh start this way too.',
      category: review,
      defaultValue: d.initialSelection,
      settings: {
        options: [
          { value: 'all', label: 'Selected' },
          { value: 'none', label: 'Not selected' },
        ] satisfies Array<SelectableValue<InitialSelection>>,
      },
    })
    .addBooleanSwitch({
      path: 'showObserved',
      name: 'Observed connections',
      description:
        'Show how many observed connections each policy allows, and list them (busiest first) when a policy is expanded.',
      category: review,
      defaultValue: d.showObserved,
    })
    .addRadio({
      path: 'layout',
      name: 'Layout',
      description:
        'Where the YAML goes: beside the list, under it, or beside it when the panel is at least 700 px wide (auto).',
      category: yaml,
      defaultValue: d.layout,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'side', label: 'Side by side' },
          { value: 'stacked', label: 'Stacked' },
        ] satisfies Array<SelectableValue<ReviewLayout>>,
      },
    })
    .addTextInput({
      path: 'fileName',
      name: 'Download file name',
      description:
        'Name of the file the Download button saves; template variables work, e.g. policies-${namespace}.yaml. ".yaml" is added when missing.',
      category: yaml,
      defaultValue: d.fileName,
    });
}
