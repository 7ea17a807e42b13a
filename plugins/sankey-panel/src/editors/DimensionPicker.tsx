import type { SelectableValue, StandardEditorProps } from '@grafana/data';
import { MultiSelect, Select } from '@grafana/ui';
import React, { useMemo } from 'react';
import { catalogDimensions } from '../data/dimensionCatalog';

export interface DimensionPickerSettings {
  placeholder: string;
}

/**
 * Offers what can be a Sankey column: the query's text fields and, for time series, the label
 * keys on its number fields (the standard field picker lists only fields). A name typed by hand
 * is kept too, so a panel saved against other data keeps its choice.
 */
function useDimensionOptions(data: StandardEditorProps['context']['data'], selected: string[]) {
  return useMemo(() => {
    const catalog = catalogDimensions(data ?? []);
    const options: Array<SelectableValue<string>> = [
      ...catalog.textFields.map((name) => ({ label: name, value: name, description: 'Field' })),
      ...catalog.labelKeys.map((name) => ({ label: name, value: name, description: 'Label' })),
    ];
    for (const name of selected) {
      if (!options.some((option) => option.value === name)) {
        options.push({ label: name, value: name, description: 'Not in the current data' });
      }
    }
    return options;
  }, [data, selected]);
}

export function DimensionPicker({
  value,
  onChange,
  context,
  item,
  id,
}: StandardEditorProps<string | undefined, DimensionPickerSettings>) {
  const selected = useMemo(() => (value ? [value] : []), [value]);
  const options = useDimensionOptions(context.data, selected);
  return (
    <Select
      inputId={id}
      value={value ?? null}
      options={options}
      isClearable
      allowCustomValue
      placeholder={item.settings?.placeholder}
      onChange={(choice: SelectableValue<string> | null) => onChange(choice?.value || undefined)}
    />
  );
}

export function DimensionListPicker({
  value,
  onChange,
  context,
  item,
  id,
}: StandardEditorProps<string[] | undefined, DimensionPickerSettings>) {
  const selected = useMemo(() => value ?? [], [value]);
  const options = useDimensionOptions(context.data, selected);
  return (
    <MultiSelect
      inputId={id}
      value={selected}
      options={options}
      allowCustomValue
      placeholder={item.settings?.placeholder}
      onChange={(choices: Array<SelectableValue<string>>) =>
        onChange(choices.map((choice) => choice.value).filter((name): name is string => !!name))
      }
    />
  );
}
