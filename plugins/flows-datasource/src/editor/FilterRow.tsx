import type { TimeRange } from '@grafana/data';
import { Combobox, IconButton, MultiCombobox, Stack } from '@grafana/ui';
import { css } from '@emotion/css';
import React, { useId } from 'react';
import { filterKeyOptions, withCurrent } from '../builder/filterKeys';
import { isListOperator, operators } from '../builder/vocabulary';
import type { FlowsDataSource } from '../datasource';
import type { FilterOperator, FlowsFilter } from '../types';
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
  const loadValues = useValueOptions(datasource, filter.key, range);
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
      <Combobox
        id={`${id}-key`}
        placeholder="Field"
        width={28}
        options={withCurrent(filterKeyOptions, filter.key)}
        value={filter.key || null}
        onChange={(option) => onChange({ ...filter, key: option.value })}
      />
      <label className={screenReaderOnly} htmlFor={`${id}-operator`}>
        {name} operator
      </label>
      <Combobox
        id={`${id}-operator`}
        width={12}
        options={operators.map(({ value, label, description }) => ({ value, label, description }))}
        value={filter.operator}
        onChange={(option) => changeOperator(option.value)}
      />
      <label className={screenReaderOnly} htmlFor={`${id}-value`}>
        {isListOperator(filter.operator) ? `${name} values` : `${name} value`}
      </label>
      {isListOperator(filter.operator) ? (
        <MultiCombobox
          id={`${id}-value`}
          placeholder="Values or $variable"
          width="auto"
          minWidth={24}
          maxWidth={80}
          createCustomValue
          options={loadValues}
          value={values.map((value) => ({ value }))}
          onChange={(options) => onChange({ ...filter, value: options.map((option) => String(option.value)) })}
        />
      ) : (
        <Combobox
          id={`${id}-value`}
          placeholder="Value or $variable"
          width="auto"
          minWidth={24}
          maxWidth={80}
          createCustomValue
          options={loadValues}
          value={values[0] ? { value: values[0] } : null}
          onChange={(option) => onChange({ ...filter, value: option.value })}
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
