import type { SelectableValue, TimeRange } from '@grafana/data';
import { IconButton, MultiSelect, Select, Stack } from '@grafana/ui';
import { css } from '@emotion/css';
import React, { useId } from 'react';
import { filterKeyOptions, withCurrent } from '../builder/filterKeys';
import { isListOperator, operators } from '../builder/vocabulary';
import type { FlowsDataSource } from '../datasource';
import type { FilterOperator, FlowsFilter } from '../types';
import { pickSeveral } from './pickSeveral';
import { useSuggestions } from './useSuggestions';
import { useValueOptions } from './useValueOptions';

interface Props {
  filter: FlowsFilter;
  onChange: (filter: FlowsFilter) => void;
  onRemove: () => void;
  datasource: FlowsDataSource;
  range?: TimeRange;
  /** Position in the list, for accessible names ("Filter 2 value"). */
  position: number;
}

/** key · operator · value(s); the value box suggests variables and the column's values, or takes any text. */
export function FilterRow({ filter, onChange, onRemove, datasource, range, position }: Props) {
  const suggestions = useSuggestions(useValueOptions(datasource, filter.key, range));
  const name = `Filter ${position}`;
  const id = useId();
  const values = [filter.value].flat();

  const changeOperator = (operator: FilterOperator) => {
    // Moving between one value and a list keeps what was typed.
    const value = isListOperator(operator) ? values.filter((item) => item !== '') : (values[0] ?? '');
    onChange({ ...filter, operator, value });
  };

  return (
    <Stack gap={1} alignItems="center">
      <label className={screenReaderOnly} htmlFor={`${id}-key`}>
        {name} field
      </label>
      <Select
        inputId={`${id}-key`}
        placeholder="Field"
        width={28}
        options={keyOptions(filter.key)}
        value={filter.key || null}
        onChange={(option: SelectableValue<string>) => onChange({ ...filter, key: option.value ?? '' })}
      />
      <label className={screenReaderOnly} htmlFor={`${id}-operator`}>
        {name} operator
      </label>
      <Select
        inputId={`${id}-operator`}
        width={12}
        options={operators.map(({ value, label, description }) => ({ value, label, description }))}
        value={filter.operator}
        onChange={(option: SelectableValue<FilterOperator>) => changeOperator(option.value ?? '=')}
      />
      <label className={screenReaderOnly} htmlFor={`${id}-value`}>
        {isListOperator(filter.operator) ? `${name} values` : `${name} value`}
      </label>
      {isListOperator(filter.operator) ? (
        <MultiSelect
          {...suggestions}
          inputId={`${id}-value`}
          placeholder="Values or $variable"
          width="auto"
          className={valueWidth}
          allowCustomValue
          {...pickSeveral}
          value={values.map(asOption)}
          onChange={(options: Array<SelectableValue<string>>) =>
            onChange({ ...filter, value: options.map((option) => String(option.value)) })
          }
        />
      ) : (
        <Select
          {...suggestions}
          inputId={`${id}-value`}
          placeholder="Value or $variable"
          width="auto"
          className={valueWidth}
          allowCustomValue
          value={values[0] ? asOption(values[0]) : null}
          onChange={(option: SelectableValue<string>) => onChange({ ...filter, value: option.value ?? '' })}
        />
      )}
      <IconButton name="trash-alt" tooltip={`Remove filter ${position}`} onClick={onRemove} />
    </Stack>
  );
}

/** The row reads as a sentence visually; screen readers still get a name for each box. */
const screenReaderOnly = css({
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
});

/** A typed value or variable as the pickers show it, whether or not it is among the suggestions. */
function asOption(value: string): SelectableValue<string> {
  return { label: value, value };
}

/**
 * The filter keys, flow fields first, then columns, and the current key if unknown. One flat list:
 * Grafana 11.0's Select shows option groups collapsed, hiding every key behind two headings.
 */
function keyOptions(current: string): Array<SelectableValue<string>> {
  return withCurrent(filterKeyOptions, current).map(({ value, label, description }) => ({ value, label, description }));
}

/** Wide enough for a pod name, and growing with the values picked up to a line's worth. */
const valueWidth = css({ minWidth: 24 * 8, maxWidth: 80 * 8 });
